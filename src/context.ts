// What every service receives: the composed parts of one process. Built in main.ts/app boot.
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { Logger } from './logger.js';
import type { Redis } from './redis.js';
import type { MasterKeyring } from './crypto/index.js';
import type { FirebaseAuth } from './auth/firebase.js';
import type { EventPublisher } from './events/publisher.js';
import type { Jobs } from './jobs/types.js';

export interface AppContext {
  config: Config;
  log: Logger;
  database: Database;
  db: Db;
  redis: Redis;
  keyring: MasterKeyring;
  auth: FirebaseAuth;
  events: EventPublisher;
  jobs: Jobs;
}
