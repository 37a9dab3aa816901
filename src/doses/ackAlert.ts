// The doctor acknowledges an adherence alert (DESIGN §4): once, by the doctor it was raised to,
// while they are still the patient's doctor. Repeating it answers the same. Their other devices
// hear `alert:acknowledged`, so an alert acknowledged in one tab leaves every list.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { adherenceAlerts, type User } from '../db/schema.js';
import { notFound } from '../errors.js';
import { alertStub } from '../events/render/doses.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canAckAlert } from '../policies.js';

export async function ackAlert(ctx: AppContext, doctor: User, alertId: string) {
  return inTransaction(ctx, async (uow) => {
    const [alert] = await uow.tx.select().from(adherenceAlerts).where(eq(adherenceAlerts.id, alertId)).for('update');
    if (!alert) throw notFound('alert');
    const current = await currentDoctor(uow.tx, alert.patientId, { lock: true });
    authorize(canAckAlert(doctor, alert, current), 'only the doctor it was raised to, while the patient is theirs');
    if (alert.acknowledgedAt) return { alert: alertStub(alert) };
    const [acked] = await uow.tx
      .update(adherenceAlerts)
      .set({ acknowledgedAt: new Date() })
      .where(eq(adherenceAlerts.id, alert.id))
      .returning();
    uow.audit(doctor.id, 'alert.ack', `alert:${alert.id}`);
    // Only the doctor hears it: the patient never saw the alert.
    emitToCare(
      uow,
      { patientId: alert.patientId, doctorId: doctor.id },
      'alert:acknowledged',
      { alert: alertStub(acked!) },
      { patient: false },
    );
    return { alert: alertStub(acked!) };
  });
}
