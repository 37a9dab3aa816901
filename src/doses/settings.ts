// A patient's settings (DESIGN §4, §8): the zone their doses are timed in, their waking day and
// quiet hours. A patient without a row has the defaults (UTC, 07:00–22:30, quiet nights).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ianaZone } from '../validate.js';
import type { AppContext } from '../context.js';
import { patientSettings, type User } from '../db/schema.js';
import { DEFAULT_CLOCK } from './clock.js';
import { replanDoses } from './replanDoses.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canEditSettings } from '../policies.js';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM (24-hour)');

export const settingsInput = z
  .object({
    timezone: ianaZone,
    wakeTime: HHMM,
    sleepTime: HHMM,
    quietHours: z.boolean(),
  })
  .strict()
  // Any waking day is allowed (night shifts wake in the evening), but not one of no length.
  .refine((s) => s.wakeTime !== s.sleepTime, { message: 'wake and sleep times must differ', path: ['sleepTime'] });
export type SettingsInput = z.infer<typeof settingsInput>;

const present = (s: SettingsInput) => ({
  timezone: s.timezone,
  wakeTime: s.wakeTime,
  sleepTime: s.sleepTime,
  quietHours: s.quietHours,
});

export async function readSettings(ctx: AppContext, user: User) {
  authorize(canEditSettings(user), 'only patients have settings');
  const [row] = await ctx.db.select().from(patientSettings).where(eq(patientSettings.userId, user.id));
  return present(row ?? { ...DEFAULT_CLOCK, quietHours: true });
}

/** Saves the settings and plans the doses still to come again on the new clock, in one transaction. */
export async function writeSettings(ctx: AppContext, user: User, input: SettingsInput) {
  authorize(canEditSettings(user), 'only patients have settings');
  const values = { ...input, updatedAt: new Date() };
  return inTransaction(ctx, async (uow) => {
    const [row] = await uow.tx
      .insert(patientSettings)
      .values({ userId: user.id, ...values })
      .onConflictDoUpdate({ target: patientSettings.userId, set: values })
      .returning();
    await replanDoses(ctx, uow, user.id, { ...row!, anchor: user.createdAt });
    return present(row!);
  });
}
