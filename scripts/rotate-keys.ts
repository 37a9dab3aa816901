// `npm run keys:rotate`: re-wraps every user's private key under the new master key version.
// Configure it exactly like the app during a rotation: MASTER_KEY = the new key,
// MASTER_KEY_VERSION = its version, MASTER_KEYS_PREVIOUS = "v:key" of the keys still in use, plus
// DATABASE_URL (or DATA_DIR for PGlite). Prints counts only, never a key. See docs/ENCRYPTION.md.
import { loadConfig } from '../src/config.js';
import { parseKeyring } from '../src/crypto/index.js';
import { rotateUserKeys } from '../src/crypto/rotation.js';
import { openDatabase } from '../src/db/client.js';

async function main(): Promise<number> {
  const config = loadConfig();
  // Without an explicit new key, local mode would mint a random one: refuse instead of guessing.
  if (!config.masterKey) {
    console.error(
      'keys:rotate: MASTER_KEY (the new master key) must be set; put the old ones in MASTER_KEYS_PREVIOUS as "<version>:<key>"',
    );
    return 2;
  }
  const ring = parseKeyring(config.masterKey, config.masterKeyVersion, config.masterKeysPrevious);
  // No migrations here: rotating a database the app has never opened is a mistake worth an error.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  try {
    const started = Date.now();
    const { rotated, alreadyCurrent } = await rotateUserKeys(database.db, ring);
    console.log(
      `keys:rotate: master key v${ring.currentVersion} (${database.driver}): rotated ${rotated}, already current ${alreadyCurrent}, in ${Date.now() - started} ms`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Messages from our code and the keyring parser name settings and user ids, never secrets.
    console.error(`keys:rotate failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
