// A read receipt: the addressee has read a message, and with it every earlier one the other side
// sent in that thread (a chat's "read up to here"). Idempotent: a second call changes nothing and
// sends nothing. The receipt goes to both sides, never to a doctor the patient has left.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { messages, type User } from '../db/schema.js';
import { notFound } from '../errors.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canMarkMessageRead, careRecipients } from '../policies.js';
import { loadPatient } from '../users/loadPatient.js';

export async function markMessageRead(ctx: AppContext, reader: User, messageId: string) {
  return inTransaction(ctx, async (uow) => {
    const [message] = await uow.tx.select().from(messages).where(eq(messages.id, messageId));
    if (!message) throw notFound('message');
    // Share-locked as every writer about a patient does: the doctor read here stays current to commit.
    const { doctorId } = await loadPatient(uow.tx, message.patientId, { lock: true });
    authorize(canMarkMessageRead(reader, message, doctorId), 'not a message to you');
    const readAt = new Date();
    const marked = await uow.tx
      .update(messages)
      .set({ readAt })
      .where(
        and(
          eq(messages.patientId, message.patientId),
          eq(messages.doctorId, message.doctorId),
          ne(messages.authorId, reader.id),
          isNull(messages.readAt),
          // In SQL: a JS Date holds milliseconds, the column microseconds.
          sql`${messages.createdAt} <= (select m.created_at from messages m where m.id = ${message.id})`,
        ),
      )
      .returning({ id: messages.id });
    const receipt = {
      patientId: message.patientId,
      doctorId: message.doctorId,
      readerId: reader.id,
      messageIds: marked.map((m) => m.id).sort(),
      readAt: (marked.length ? readAt : (message.readAt ?? readAt)).toISOString(),
    };
    if (marked.length) {
      const current = message.doctorId === doctorId ? doctorId : null;
      uow.emit(careRecipients(message.patientId, current), 'message:read', receipt, { patientId: message.patientId });
      uow.audit(reader.id, 'message.receipt', `message:${messageId}`);
    }
    return { receipt };
  });
}
