// A taper: "40 mg daily for 5 days, then 20 mg daily for 5 days" is one item per phase, each
// later phase starting when the one before it ends.
import { type Outcome, type Reading, decide, read, says } from './rules-decide.js';
import { type Segment, itemText, lowerName } from './rules-item.js';
import { DOSE_RE, TERMINAL_RE } from './rules-phases.js';
import { type Span, capitalise, clean, sourceOf } from './rules-text.js';
import { MAX_SOURCE_CHARS } from './schema.js';

const CHANGE_RE =
  /\b(?:reduce|reducing|taper|tapering|wean|weaning|decrease|increase|titrate|step down|cut down|come off)\b/;

/** A taper: one item per phase, each later phase starting when the one before it ends. */
export function readTaper(note: string, low: string, s: Segment, list: Span[], scope: string, start = 0): Outcome[] {
  const out: Outcome[] = [];
  const first = itemText(note, low, s.lead, s.mention, list[0]!.end, scope);
  const verb = first.split(' ')[0]!;
  const name = note.slice(s.mention.start, s.mention.end);
  let prev: Reading | null = null;
  let text = first;
  let offset: number | null = start;
  list.forEach((p, i) => {
    const words = low.slice(p.start, p.end);
    if (i > 0 && TERMINAL_RE.test(words)) return;
    const source = sourceOf(note, i === 0 ? { start: s.lead, end: p.end } : p, MAX_SOURCE_CHARS);
    if (!source) return;
    const own = read(i === 0 ? `${low.slice(s.lead, s.mention.start)} ${low.slice(s.mention.end, p.end)}` : words);
    const dose = i === 0 ? null : DOSE_RE.exec(note.slice(p.start, p.end).toLowerCase());
    if (i > 0 && !dose && !says(own)) {
      // "then reduce": a change with no dose or schedule is not a phase anyone can follow.
      if (CHANGE_RE.test(words)) out.push({ unclear: { source, reason: 'a dose change with no dose or schedule' } });
      return;
    }
    if (dose)
      text = capitalise(
        clean(
          `${verb} ${lowerName(name, s.mention.name)} ${note.slice(p.start + dose.index, p.start + dose.index + dose[0].length)}`,
        ),
      );
    // A phase that names no frequency keeps the taper's: "40 mg od 5/7, then 30 mg 5/7".
    const reading = own.frequency || own.asNeeded || !prev ? own : { ...own, frequency: prev.frequency };
    if (offset === null) {
      out.push({ unclear: { source, reason: 'taper: an earlier phase has no end, so this one has no start' } });
      return;
    }
    const outcome = decide(reading, text, source, s.mention.name, offset);
    out.push(outcome);
    const t = 'plan' in outcome ? outcome.plan.timing : null;
    offset = t && t.durationDays !== null ? t.startDay + t.durationDays : null;
    prev = reading;
  });
  // A taper is read whole or not at all: half a taper on the patient's clock is worse than none.
  const doubt = out.find((o): o is Extract<Outcome, { unclear: unknown }> => 'unclear' in o);
  if (!doubt) return out;
  const source = sourceOf(note, { start: s.lead, end: s.end }, MAX_SOURCE_CHARS);
  const { reason } = doubt.unclear;
  return [{ unclear: { source, reason: reason.startsWith('taper: ') ? reason : `taper: ${reason}` } }];
}
