// `npm run admins:promote -- --email ops@example.org`: the account (signed up as a patient, with no
// doctor chosen and no notes) becomes an admin, who may then create doctor invites through
// POST /api/admin/doctor-invites. Configure it like the app (DATABASE_URL, or DATA_DIR for local
// mode's PGlite; stop a local server first, PGlite has one opener at a time).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { promoteAdmin } from '../src/users/promoteAdmin.js';
import { inviteEmail } from '../src/users/invites.js';

const SAYS = {
  promoted: 'is now an admin',
  already: 'is already an admin',
  unknown: 'has no account (sign up as a patient first)',
  'has-care': 'has care on record (a doctor chosen or notes); use a fresh account',
  doctor: 'is a doctor; use a fresh account',
} as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  const email = inviteEmail.safeParse(values.email ?? '');
  if (!email.success) {
    console.error('admins:promote: --email <the account’s email address> is required');
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  try {
    const outcome = await promoteAdmin(database.db, email.data);
    console.log(`admins:promote: ${email.data} ${SAYS[outcome]}`);
    return outcome === 'promoted' || outcome === 'already' ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`admins:promote failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
