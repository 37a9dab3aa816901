// Spans of a clause's text: what the timing rules match, and cut out of the instruction text.
export interface Span {
  start: number;
  end: number;
}

/** Global, case-insensitive: the timing rules are run with matchAll. */
export const rx = (src: string) => new RegExp(src, 'gi');

export function overlaps(s: Span, taken: Span[]): boolean {
  return taken.some((t) => s.start < t.end && t.start < s.end);
}

/** Blank out spans (keeping offsets) so one phrase is not read as two things. */
export const mask = (text: string, spans: Span[]): string =>
  spans.reduce((t, s) => t.slice(0, s.start) + ' '.repeat(s.end - s.start) + t.slice(s.end), text);
