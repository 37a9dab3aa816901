// Two-way messages in a real browser (issue 15): the patient writes about a side effect, the
// doctor sees it arrive live in the patient's timeline, opening it sends the read receipt the
// patient sees; the doctor's reply arrives the same way, and both survive a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { type DoseHarness, SHOTS, startDoseHarness } from './dose-helpers.js';

let h: DoseHarness;
before(async () => {
  h = await startDoseHarness();
});
after(async () => {
  await h?.close();
});

test('a message exchange: live both ways, read receipts both ways, kept after a reload', async () => {
  const { patient, doctor, patientName } = await h.couple('Maren');
  const question = 'The iron tablets make me feel sick. Can I take them with food?';
  await patient.getByLabel(/^Message to Dr\. Maren Osei/).fill(question);
  await patient.getByRole('button', { name: 'Send message' }).click();
  const mine = patient.locator('.bubble.message.mine', { hasText: question });
  await mine.waitFor();

  // The doctor has the patient open: the message lands live, and being on screen it is read.
  await doctor.locator('.bubble.message.theirs', { hasText: question }).waitFor();
  await mine.locator('.receipt.seen', { hasText: 'Read' }).waitFor();

  const answer = 'Yes, take them with food. Tell me if it goes on.';
  await doctor.getByLabel(`Message to ${patientName}`).fill(answer);
  await doctor.getByRole('button', { name: 'Send message' }).click();
  const reply = doctor.locator('.bubble.message.mine', { hasText: answer });
  await reply.waitFor();
  await patient.locator('.bubble.message.theirs', { hasText: answer }).waitFor();
  await reply.locator('.receipt.seen', { hasText: 'Read' }).waitFor();

  // Over the limit nothing is sent, and the page says so.
  await patient.getByLabel(/^Message to/).fill('x'.repeat(2001));
  await patient.getByRole('button', { name: 'Send message' }).click();
  await patient.locator('.message-composer .form-error', { hasText: 'the limit is 2000' }).waitFor();
  await patient.getByLabel(/^Message to/).fill('');

  await patient.screenshot({ path: path.join(SHOTS, 'patient-messages.png') });
  await doctor.screenshot({ path: path.join(SHOTS, 'doctor-messages.png') });

  await patient.reload();
  await patient.locator('.bubble.message.theirs', { hasText: answer }).waitFor();
  await patient.locator('.bubble.message.mine', { hasText: question }).locator('.receipt.seen').waitFor();
  assert.equal(await patient.locator('.bubble.message').count(), 2, 'each message once after a reload');
  assert.deepEqual(h.errors, []);
});
