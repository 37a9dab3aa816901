import https from 'node:https';
// Which push endpoints a user may register. The worker POSTs to every stored endpoint, so an
// arbitrary URL would let any user make the server call hosts inside its own network (SSRF):
// only the configured push services, and only at public addresses after DNS resolution.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.js';

export interface EndpointPolicy {
  endpointHosts: string[];
  allowPrivate: boolean;
}

const notAllowed = (message: string) => new AppError(400, 'ENDPOINT_NOT_ALLOWED', message);

// Loopback, private, link-local, CGNAT, multicast and reserved ranges, IPv4 and IPv6.
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127], // :: and ::1
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? blocked.check(mapped[1]!, 'ipv4') : blocked.check(address, 'ipv6');
}

/** `*.example.com` matches sub.example.com (not example.com itself); other entries match exactly. */
export function hostAllowed(host: string, patterns: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
}

export async function checkEndpoint(policy: EndpointPolicy, endpoint: string): Promise<void> {
  const url = new URL(endpoint);
  if (url.protocol !== 'https:') throw notAllowed('endpoint must be https');
  if (url.username || url.password) throw notAllowed('endpoint must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!hostAllowed(host, policy.endpointHosts)) throw notAllowed('endpoint is not a known push service');
  if (policy.allowPrivate) return;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw notAllowed('endpoint host does not resolve');
  }
  // Every address: one public record next to a private one would still let a request through.
  if (addresses.length === 0 || addresses.some(isPrivateAddress))
    throw notAllowed('endpoint resolves to a private address');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the push sender's agent that refuses private answers at send time too: a host
 * that resolved publicly at subscribe time may later point inside (DNS rebinding).
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      const refused = Object.assign(new Error(`push endpoint ${hostname} resolves to a private address`), {
        code: 'ERR_PUSH_PRIVATE_ADDRESS', // ERR_*: the sender classifies it as failed, not retried
      });
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** Connections kept per push service: 4 push jobs × 32 sends in flight each. */
export const PUSH_SOCKETS_PER_SERVICE = 128;

/**
 * The push worker's TLS agent: it resolves endpoints to public addresses only (SSRF), unless
 * allowed. Connections are kept alive (a burst sends thousands of pushes to a handful of push
 * services: one TLS handshake each, not one per push) and bounded per push service: as many as
 * the push jobs a worker runs at once send together (registry.ts × PUSH_SENDS_AT_ONCE). With 32,
 * the four jobs shared 32 connections, each push waited on a round trip, and a 19 500-dose burst's
 * pushes trailed its sockets by 10 s (docs/BENCHMARKS.md).
 */
export function pushAgent(allowPrivate: boolean): https.Agent {
  const pooled = { keepAlive: true, maxSockets: PUSH_SOCKETS_PER_SERVICE };
  return new https.Agent(allowPrivate ? pooled : { ...pooled, lookup: publicOnlyLookup });
}
