// HTTP error mapping, once: AppError → its status and code; body-parser failures → 400/413;
// anything else → 500 without details. Never a stack trace or an HTML page.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { RateLimitedError, toErrorBody, type ErrorBody } from '../errors.js';
import { describeError, type Logger } from '../logger.js';

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } });
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const parserType = (err as { type?: string }).type;
    let status: number;
    let body: ErrorBody;
    if (parserType === 'entity.parse.failed') {
      status = 400;
      body = { code: 'MALFORMED_JSON', message: 'request body is not valid JSON' };
    } else if (parserType === 'entity.too.large') {
      status = 413;
      body = { code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' };
    } else if (parserType) {
      status = 400;
      body = { code: 'BAD_REQUEST', message: 'request body could not be read' };
    } else {
      ({ status, body } = toErrorBody(err));
    }
    if (err instanceof RateLimitedError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    if (status >= 500) {
      // Name and SQLSTATE only: a query error's message carries its parameters (PII, key wraps).
      log.error({ err: describeError(err), path: req.path }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(status).json({ error: body });
  };
}
