// Column groups more than one table shares.
import { text, timestamp } from 'drizzle-orm/pg-core';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** Text a person wrote, or that was extracted from it: AES-256-GCM only, see src/crypto. */
export const sealedColumns = () => ({
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  tag: text('tag').notNull(),
});
/** The phrase of the note a step came from, sealed like the step; null for v1 rows and typed steps. */
export const sealedSourceColumns = () => ({
  sourceCiphertext: text('source_ciphertext'),
  sourceIv: text('source_iv'),
  sourceTag: text('source_tag'),
});
