// The thread, newest first, paged: the patient reads all of theirs (with every doctor they had,
// as they read those doctors' notes); a doctor reads only the thread with themselves, and only
// while they are the patient's current doctor. Every read is audited.
import { and, desc, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { messages, type User } from '../db/schema.js';
import { notFound } from '../errors.js';
import { messageStub } from '../events/render/messages.js';
import { canReadMessages } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';
import { authorizePatientRecord } from '../users/loadPatient.js';
import type { MessagesQuery } from './schemas.js';

export async function listMessages(ctx: AppContext, reader: User, patientId: string, q: MessagesQuery) {
  await authorizePatientRecord(ctx, reader, patientId, canReadMessages);
  const mine: SQL = and(
    eq(messages.patientId, patientId),
    reader.id === patientId ? undefined : eq(messages.doctorId, reader.id),
  )!;
  let before: SQL | undefined;
  if (q.before) {
    const [edge] = await ctx.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(mine, eq(messages.id, q.before)));
    if (!edge) throw notFound('message');
    // Compared in SQL: a JS Date holds milliseconds, the column microseconds.
    before = sql`(${messages.createdAt}, ${messages.id}) < (select m.created_at, m.id from messages m where m.id = ${q.before})`;
  }
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(and(mine, before))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const texts = await loadTexts(ctx, reader.id, { messages: page.map((m) => m.id) });
  const [{ unread }] = (await ctx.db
    .select({ unread: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(mine, ne(messages.authorId, reader.id), isNull(messages.readAt)))) as [{ unread: number }];
  await auditOnce(ctx.db, reader.id, 'messages.read', `patient:${patientId}/messages`);
  return {
    messages: page.map((m) => ({ ...messageStub(m), text: texts.get(m.id) ?? '' })),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
    unread,
  };
}
