// Processor for `extraction` jobs. The job carries the note id only; the text is decrypted here
// (audited), handed to the extractor, and never leaves memory. pending → processing → ready|failed.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, users } from '../db/schema.js';
import { ExtractionFailedError, extractWithRetry, type Extractor } from '../extraction/index.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { auditCtes } from '../audit/log.js';
import { rowsOf } from '../db/client.js';
import { dataKeyWith, openNote, privateKeyFromWrap } from '../sealed/cipher.js';
import { checkSafety } from '../extraction/safety.js';
import { noteMentions } from '../extraction/safety-context.js';
import { reminderBudgetError } from '../steps/stepRows.js';
import { storeSteps } from '../steps/storeSteps.js';
import { checkAgainstCurrentPlan } from '../steps/checkCurrentPlan.js';
import { checkAgainstRecordedAllergies } from '../steps/checkRecordedAllergies.js';
import type { ExtractionJob } from '../jobs/types.js';

/**
 * pending|processing → processing, audited, in one statement; with what decrypting needs (the
 * patient's wrapped private key). Gone, cancelled or finished: a duplicate or late job matches
 * nothing, and nothing is audited.
 */
async function claimForExtraction(ctx: AppContext, noteId: string) {
  const result = await ctx.db.execute(sql`
    with claimed as (
      update ${notes} set status = 'processing' where id = ${noteId} and status in ('pending', 'processing')
      returning id, patient_id, doctor_id, mode, ciphertext, iv, tag, wrapped_keys,
        (select ${users.wrappedPrivateKey} from ${users} where ${users.id} = ${notes.patientId}) as patient_key
    ), ${auditCtes(null, 'note.decrypt_for_extraction', `note:${noteId}`, sql`exists (select 1 from claimed)`)}
    select * from claimed`);
  const [row] = rowsOf<{
    id: string;
    patient_id: string;
    doctor_id: string;
    mode: 'replace' | 'add';
    ciphertext: string;
    iv: string;
    tag: string;
    wrapped_keys: Record<string, string>;
    patient_key: string;
  }>(result);
  return row
    ? {
        id: row.id,
        patientId: row.patient_id,
        doctorId: row.doctor_id,
        mode: row.mode,
        ciphertext: row.ciphertext,
        iv: row.iv,
        tag: row.tag,
        wrappedKeys: row.wrapped_keys,
        patientKey: row.patient_key,
      }
    : null;
}

export async function extractNote(ctx: AppContext, extractor: Extractor, job: ExtractionJob): Promise<string> {
  const claimed = await claimForExtraction(ctx, job.noteId);
  if (!claimed) return 'skipped';
  // The system reads through the patient's wrap; the master key is what lets the server do this.
  const dek = dataKeyWith(claimed, claimed.patientId, privateKeyFromWrap(ctx.keyring, claimed.patientKey));
  const text = openNote(dek, claimed);
  try {
    const extracted = await extractWithRetry(extractor, text, {
      attempts: ctx.config.extraction.attempts,
      baseDelayMs: ctx.config.extraction.backoffMs,
      timeoutMs: ctx.config.extraction.timeoutMs,
    });
    // Whatever produced the steps, the same check: nothing dropped, nothing stopped scheduled
    // (here or, unasked, in an earlier note's plan), no drug scheduled twice unasked, none an
    // allergy another note records reaches.
    const mentions = noteMentions(text);
    const current = await checkAgainstCurrentPlan(ctx, claimed, mentions, checkSafety(text, extracted));
    const checked = await checkAgainstRecordedAllergies(ctx, claimed, mentions, current);
    const overBudget = reminderBudgetError(checked.steps.plan);
    if (overBudget) throw new ExtractionFailedError(overBudget, 1, 'invalid_output');
    // Cancelled or failed meanwhile: nothing is stored.
    await inTransaction(ctx, (uow) =>
      storeSteps(
        ctx,
        uow,
        claimed.id,
        checked,
        { extractor: extractor.name, model: extractor.model },
        { dek, fromStatus: ['processing'] },
      ),
    );
    return 'ready';
  } catch (err) {
    if (!(err instanceof ExtractionFailedError)) throw err; // infrastructure trouble: bee-queue retries the job
    await inTransaction(ctx, async (uow) => {
      const [note] = await uow.tx
        .update(notes)
        .set({ status: 'failed', failureReason: err.reason, extractor: extractor.name, model: extractor.model })
        .where(eq(notes.id, claimed.id))
        .returning();
      const stub = { noteId: note!.id, patientId: note!.patientId, reason: err.reason };
      // To the patient's current doctor (who may write the steps by hand), not a doctor they left.
      const doctorId = await currentDoctor(uow.tx, note!.patientId, { lock: true });
      emitToCare(uow, { patientId: note!.patientId, doctorId }, 'steps:failed', stub, { patient: false });
    });
    return 'failed';
  }
}
