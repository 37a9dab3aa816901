// Helpers that let the socket gateway apply the same limits as express: the body size in bytes,
// and the client IP as express's `trust proxy` setting sees it (so both count one IP the same way).
import type { IncomingMessage } from 'node:http';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "100kb" → 102400, as body-parser reads BODY_LIMIT (1024-based units, bare number = bytes). */
export function toBytes(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!m) throw new Error(`not a byte size: ${limit}`);
  return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
}

export type TrustFn = (addr: string, hop: number) => boolean;

/** proxy-addr's walk: from the peer through X-Forwarded-For, right to left, while the hop is trusted. */
export function clientIp(req: IncomingMessage, trust: TrustFn): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const chain = [req.socket.remoteAddress ?? '', ...forwarded];
  let i = 0;
  while (i < chain.length - 1 && trust(chain[i]!, i)) i++;
  return chain[i]!;
}
