// Socket error mapping, once: the same typed errors as HTTP, as {ok:false,error:{code,message}}.
import { fromConnectionError, toErrorBody } from '../errors.js';
import type { AckError } from './protocol.js';

export function toAckError(err: unknown): AckError {
  return { ok: false, error: toErrorBody(fromConnectionError(err) ?? err).body };
}
