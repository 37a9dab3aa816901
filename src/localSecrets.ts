// Local mode keeps its generated secrets in DATA_DIR, so a restart reads the same notes.
// Production never comes here: config.ts has already refused to start without MASTER_KEY.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateMasterKey } from './crypto/index.js';

export async function loadOrCreateMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'master.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const key = generateMasterKey();
  try {
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    // Another process of this machine created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw err;
  }
}
