// Master key rotation (DESIGN §6): re-wraps every user's private key under the keyring's current
// version. Only users.wrapped_private_key changes: key pairs stay the same, so the data-key wraps
// on notes (made for the users' public keys) and every ciphertext stay valid and untouched.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { DecryptionError } from './errors.js';
import type { MasterKeyring } from './keyring.js';
import { rewrapPrivateKey } from './userKeys.js';

export interface RotationResult {
  rotated: number;
  alreadyCurrent: number;
}

/**
 * Walks the users table in id order, one transaction per batch. Idempotent: a second run finds
 * everything current. A wrap that cannot be opened (unknown version, corrupt row) stops the run
 * with the user's id, never key material; the batches before it stay rotated, so a re-run after
 * fixing the keyring continues where this one stopped.
 */
export async function rotateUserKeys(
  db: Db,
  ring: MasterKeyring,
  opts: { batchSize?: number } = {},
): Promise<RotationResult> {
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const result: RotationResult = { rotated: 0, alreadyCurrent: 0 };
  let after: string | null = null;
  for (;;) {
    const cursor: string | null = after;
    const batch: Array<{ id: string; wrapped: string }> = await db.transaction(async (tx) => {
      const rows: Array<{ id: string; wrapped: string }> = await tx
        .select({ id: users.id, wrapped: users.wrappedPrivateKey })
        .from(users)
        .where(cursor ? gt(users.id, cursor) : undefined)
        .orderBy(asc(users.id))
        .limit(batchSize)
        .for('update');
      for (const row of rows) {
        let rewrapped: string;
        try {
          rewrapped = rewrapPrivateKey(ring, row.wrapped);
        } catch (err) {
          if (err instanceof DecryptionError)
            throw new Error(`user ${row.id}: private key wrap cannot be opened with the configured master keys`);
          throw err;
        }
        if (rewrapped === row.wrapped) {
          result.alreadyCurrent += 1;
          continue;
        }
        // Rows are locked for this transaction, so the compare in the where clause is a safety belt.
        await tx
          .update(users)
          .set({ wrappedPrivateKey: rewrapped })
          .where(and(eq(users.id, row.id), eq(users.wrappedPrivateKey, row.wrapped)));
        result.rotated += 1;
      }
      return rows;
    });
    if (batch.length < batchSize) return result;
    after = batch[batch.length - 1]!.id;
  }
}
