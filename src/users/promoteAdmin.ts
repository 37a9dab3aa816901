// Making an admin (DESIGN §3's `admin` role): admins never sign up through the API, so an operator
// promotes an account that signed up as a patient and has no care on record yet — no doctor chosen,
// no notes — to admin, audited. `npm run admins:promote -- --email …` calls it.
import { eq, or } from 'drizzle-orm';
import { audit } from '../audit/log.js';
import type { Db } from '../db/client.js';
import { assignments, notes, users } from '../db/schema.js';

export type PromoteOutcome = 'promoted' | 'already' | 'unknown' | 'has-care' | 'doctor';

export async function promoteAdmin(db: Db, email: string): Promise<PromoteOutcome> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email)).for('update');
    if (!user) return 'unknown';
    if (user.role === 'admin') return 'already';
    // A doctor's patients, or a patient's record, would be left with an account that cannot hold them.
    if (user.role === 'doctor') return 'doctor';
    const [care] = await tx
      .select({ id: assignments.id })
      .from(assignments)
      .where(or(eq(assignments.patientId, user.id), eq(assignments.doctorId, user.id)))
      .limit(1);
    const [note] = await tx.select({ id: notes.id }).from(notes).where(eq(notes.patientId, user.id)).limit(1);
    if (care || note) return 'has-care';
    await tx.update(users).set({ role: 'admin' }).where(eq(users.id, user.id));
    await audit(tx, null, 'admin.promote', `user:${user.id}`);
    return 'promoted';
  });
}
