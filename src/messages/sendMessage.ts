// A patient or their current doctor writes a short message in the thread of the patient's care.
// Sealed before it touches the database (its own data key, wrapped for the two of them), never
// sent to the extractor, and delivered live to both as `message:new` once committed.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { messages, type User, users } from '../db/schema.js';
import { conflict, RateLimitedError } from '../errors.js';
import { messageStub } from '../events/render/messages.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canSendMessage } from '../policies.js';
import { sealMessage } from '../sealed/messages.js';
import { loadPatient } from '../users/loadPatient.js';

const WINDOW_MS = 60_000;

export async function sendMessage(ctx: AppContext, author: User, patientId: string, text: string) {
  const id = randomUUID();
  return inTransaction(ctx, async (uow) => {
    // Locked: the relationship holds until commit, and sends in one thread take turns (the count).
    const { patient, doctorId } = await loadPatient(uow.tx, patientId, { lock: true });
    if (author.id === patient.id && doctorId === null)
      throw conflict('NO_DOCTOR', 'choose a doctor before sending a message');
    authorize(canSendMessage(author, patient.id, doctorId), 'only the patient and their current doctor write here');
    const thread = and(eq(messages.patientId, patient.id), eq(messages.doctorId, doctorId!));
    const recent = await uow.tx
      .select({ createdAt: messages.createdAt })
      .from(messages)
      .where(and(thread, eq(messages.authorId, author.id), gt(messages.createdAt, new Date(Date.now() - WINDOW_MS))))
      .orderBy(asc(messages.createdAt));
    if (recent.length >= ctx.config.rateLimits.messagesPerMinute) {
      const wait = recent[0]!.createdAt.getTime() + WINDOW_MS - Date.now();
      throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)));
    }
    const doctor =
      author.id === doctorId ? author : (await uow.tx.select().from(users).where(eq(users.id, doctorId!)))[0]!;
    const { sealed, wrappedKeys } = sealMessage(id, patient.id, text, [patient, doctor]);
    const [row] = await uow.tx
      .insert(messages)
      .values({ id, patientId: patient.id, doctorId: doctor.id, authorId: author.id, ...sealed, wrappedKeys })
      .returning();
    const stub = messageStub(row!);
    // Both recipients hold the key, and the text is in hand.
    uow.emit(
      [patient.id, doctor.id],
      'message:new',
      { message: stub },
      { patientId: patient.id, texts: new Map([[id, text]]) },
    );
    uow.audit(author.id, 'message.write', `message:${id}`);
    return { message: { ...stub, text } };
  });
}
