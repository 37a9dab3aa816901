// A log sink for tests that assert on what was (or was not) logged: every line written is kept.
import { Writable } from 'node:stream';

export function logSink(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}
