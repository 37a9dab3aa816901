// Cutting a note into sentences without losing where each came from: every piece is a span of
// the original note, so an item's `source` is always an exact substring of what the doctor wrote.

export interface Span {
  start: number;
  end: number;
}

/** Lower-cases ASCII only, so every index in the copy is the same index in the note. */
export const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const BULLET_RE = /^\s*(?:[-*•·>–]+|\d{1,2}[.)]|\(?[a-z]\)|\[ ?\])\s+/;
// Labels that carry nothing ("Plan:", "Rx:"); labels that say what the line is (DH:, Allergies:,
// Bloods:, Review:) stay, because they decide how the line is read.
const LABEL_RE =
  /^\s*(?:plan|rx|mx|management|meds|medications?|medicines|new meds|changes|treatment|tx|advice|a\/p|ap|imp|impression|p|to do|todo)\s*[:\-–]\s*/i;
// A full stop ends a sentence before a capital or a bullet-like number; a semicolon always does.
// "Hyoscine? no." stays one sentence: a lower-case answer belongs to its question.
const END_RE = /(?:[.!?](?=\s+(?:[A-Z(]|\d{1,2}[.)]\s))|;)/g;

const trimSpan = (note: string, s: Span): Span => {
  let { start, end } = s;
  while (start < end && /[\s.,;:]/.test(note[start]!)) start++;
  while (end > start && /[\s.,;:]/.test(note[end - 1]!)) end--;
  return { start, end };
};

/** The sentences of a note, bullets and empty labels cut off, in order. */
export function sentences(note: string): Span[] {
  const out: Span[] = [];
  let lineStart = 0;
  for (const line of note.split('\n')) {
    let start = lineStart;
    const lineEnd = lineStart + line.length;
    lineStart = lineEnd + 1;
    for (;;) {
      const rest = note.slice(start, lineEnd);
      const m = BULLET_RE.exec(rest) ?? LABEL_RE.exec(rest);
      if (!m || m[0].length === 0) break;
      start += m[0].length;
    }
    const text = note.slice(start, lineEnd);
    let from = 0;
    for (const m of text.matchAll(END_RE)) {
      out.push({ start: start + from, end: start + m.index + (m[0] === ';' ? 0 : 1) });
      from = m.index + m[0].length;
    }
    out.push({ start: start + from, end: lineEnd });
  }
  return out.map((s) => trimSpan(note, s)).filter((s) => s.end > s.start);
}

/** A span's text, spaces collapsed, punctuation trimmed from both ends. */
export function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.\-–]+|[\s,;:\-–(]+$/g, '')
    .replace(/\s*\.$/, '')
    .trim();
}

export const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** A source phrase: trimmed, at most `max` characters, still an exact substring of the note. */
export function sourceOf(note: string, span: Span, max: number): string {
  const s = trimSpan(note, span);
  let end = Math.min(s.end, s.start + max);
  // "amlodipine 5 mg and": the joining word belongs to neither drug.
  const tail = /(?:\s+(?:and|or|plus|&|\+)|[\s,;:(\-–]+)+$/.exec(note.slice(s.start, end));
  if (tail && tail.index > 0) end = s.start + tail.index;
  return note.slice(s.start, end).trim();
}
