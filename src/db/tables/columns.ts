// Column groups more than one table shares.
import { text, timestamp } from 'drizzle-orm/pg-core';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** Text a person wrote, or that was extracted from it: AES-256-GCM only, see src/crypto. */
export const sealedColumns = () => ({
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  tag: text('tag').notNull(),
});
