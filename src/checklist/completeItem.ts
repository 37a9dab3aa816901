// A patient ticks a checklist item. Ticking it again answers the same; a removed item refuses.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { checklistItems, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { withText } from '../events/render/renderer.js';
import { checklistStub } from '../events/render/steps.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canCompleteChecklistItem } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';

export async function completeItem(ctx: AppContext, user: User, itemId: string) {
  const item = await inTransaction(ctx, async (uow) => {
    const [found] = await uow.tx
      .select({ row: checklistItems })
      .from(checklistItems)
      .where(eq(checklistItems.id, itemId))
      .for('update', { of: checklistItems });
    if (!found) throw notFound('checklist item');
    const { row } = found;
    authorize(canCompleteChecklistItem(user, row), 'only the patient ticks their checklist');
    if (row.status === 'done') return row;
    if (row.status === 'removed') throw conflict('ITEM_REMOVED', 'the doctor removed this item');
    const [done] = await uow.tx
      .update(checklistItems)
      .set({ status: 'done', doneAt: new Date() })
      .where(eq(checklistItems.id, itemId))
      .returning();
    const stub = { item: checklistStub(done!), noteId: row.noteId, patientId: row.patientId };
    // The doctor's copy goes to the patient's current doctor, not the note's author.
    const doctorId = await currentDoctor(uow.tx, row.patientId, { lock: true });
    emitToCare(uow, { patientId: row.patientId, doctorId }, 'checklist:done', stub);
    return done!;
  });
  const texts = await loadTexts(ctx, user.id, { checklist: [item.id] });
  return { item: withText(checklistStub(item), texts) };
}
