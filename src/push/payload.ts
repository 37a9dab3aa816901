// The `dose:due` push payload, fitted to what a push service carries: a web-push message holds
// at most 4 KB of ciphertext (RFC 8291 adds a header, a tag and padding), so long texts are cut
// for the notification (the app shows them whole) and doses due together that still do not fit
// one message are spread over as few messages as needed, in order.
export const PUSH_ACTION_BUTTONS = [
  { action: 'take', title: 'Take' },
  { action: 'snooze', title: 'Snooze' },
] as const;

/** Plaintext budget of one message: 4096 − 86 (header) − 16 (tag) − 1 (delimiter), with room to spare. */
export const MAX_PAYLOAD_BYTES = 3_800;
/** A notification shows a line or two per dose. */
export const MAX_TEXT_CHARS = 140;

export interface PushedDose {
  id: string;
  planItemId: string;
  text: string;
  dueAt: string;
  localTime: string | null;
  attempt: number;
  actions: { take: string; snooze: string };
}

const payloadOf = (doses: PushedDose[]) => ({ type: 'dose:due', actions: PUSH_ACTION_BUTTONS, doses });
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

const cut = (text: string) => {
  const chars = [...text]; // by code point: never half a surrogate pair
  return chars.length <= MAX_TEXT_CHARS ? text : `${chars.slice(0, MAX_TEXT_CHARS - 1).join('')}…`;
};

/** One payload when the doses fit together (the usual case), else as few as fit, in order. */
export function dosePayloads(doses: PushedDose[]): Array<ReturnType<typeof payloadOf>> {
  const out: Array<ReturnType<typeof payloadOf>> = [];
  let chunk: PushedDose[] = [];
  for (const dose of doses.map((d) => ({ ...d, text: cut(d.text) }))) {
    if (chunk.length > 0 && bytes(payloadOf([...chunk, dose])) > MAX_PAYLOAD_BYTES) {
      out.push(payloadOf(chunk));
      chunk = [];
    }
    chunk.push(dose);
  }
  if (chunk.length > 0) out.push(payloadOf(chunk));
  return out;
}
