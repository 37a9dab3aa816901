// `npm run doctors:invite -- --email dr@example.org [--base-url https://carebeat.example]`: makes a
// single-use doctor invite (DOCTOR_INVITE_TTL_HOURS, default 7 days) and prints its token and a
// signup link, once: only the token's hash is stored. Configure it like the app (DATABASE_URL, or
// DATA_DIR for local mode's PGlite; stop a local server first, PGlite has one opener at a time).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createInvite, inviteEmail } from '../src/users/invites.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, 'base-url': { type: 'string' } } });
  const email = inviteEmail.safeParse(values.email ?? '');
  if (!email.success) {
    console.error('doctors:invite: --email <the doctor’s email address> is required');
    return 2;
  }
  const config = loadConfig();
  // No migrations here: inviting into a database the app has never opened is a mistake worth an error.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  try {
    const invite = await createInvite(database.db, email.data, null, config.doctors.inviteTtlMs);
    const base = (values['base-url'] ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
    const link = `${base}/?invite=${encodeURIComponent(invite.token)}&email=${encodeURIComponent(email.data)}`;
    console.log(`doctors:invite: invite for ${email.data}, valid until ${invite.expiresAt}`);
    console.log(`token: ${invite.token}`);
    console.log(`signup link: ${link}`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`doctors:invite failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
