// After a correction or a confirmation: the note's status follows what still waits for the
// doctor, a replacing plan that has started stops the earlier one, and both sides hear it.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { type Note, notes } from '../db/schema.js';
import { emitToCare } from '../events/recipients.js';
import type { PlanChangedStub } from '../events/render/steps.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { openSource, openStep } from '../sealed/cipher.js';
import { liveStepsOf, stepsStubOf } from './readSteps.js';
import { stopEarlierPlans } from './stopPlan.js';

export async function finishSteps(
  ctx: AppContext,
  uow: UnitOfWork,
  note: Note,
  doctorId: string | null,
  event: { type: 'plan:changed'; changes: PlanChangedStub['changes']; dek: Buffer; corrected?: boolean },
) {
  const rows = await liveStepsOf(uow.tx, note.id);
  // Every live step's text, opened once with the key in hand, so the events render without a re-read.
  const texts = new Map<string, string>();
  for (const [kind, list] of [
    ['checklist', rows.checklist],
    ['plan', rows.plan],
  ] as const)
    for (const r of list) {
      texts.set(r.id, openStep(event.dek, kind, r));
      texts.set(`source:${r.id}`, openSource(event.dek, r));
    }
  for (const r of rows.unclear) texts.set(r.id, openStep(event.dek, 'unclear', r));
  const waits = rows.unclear.length > 0 || rows.plan.some((p) => p.status === 'draft');
  const [updated] = await uow.tx
    .update(notes)
    .set({
      status: waits ? 'needs_review' : 'ready',
      readyAt: note.readyAt ?? new Date(),
      failureReason: null,
      // A corrected note's steps are the doctor's own from now on.
      ...(event.corrected ? { extractor: 'doctor', model: null } : {}),
    })
    .where(eq(notes.id, note.id))
    .returning();
  if (updated!.mode === 'replace' && rows.plan.some((p) => p.status === 'active'))
    await stopEarlierPlans(ctx, uow, updated!, doctorId);
  const stub = stepsStubOf(updated!, rows);
  const care = { patientId: note.patientId, doctorId };
  emitToCare(uow, care, event.type, { ...stub, changes: event.changes }, { texts, note });
  if (waits) emitToCare(uow, care, 'steps:review', stub, { texts, note, patient: false });
}
