// HTTP error mapping, once: AppError → its status and code; body-parser failures → 400/413;
// anything else → 500 without details. Never a stack trace or an HTML page.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { fromConnectionError, RateLimitedError, toErrorBody, type ErrorBody } from '../errors.js';
import { describeError, type Logger } from '../logger.js';

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } });
};

/** Records a refusal (403): who, and the route template only — never ids, query values or bodies. */
export type OnForbidden = (userId: string, routeTemplate: string) => Promise<void>;

/**
 * The matched route's template with its mount prefix, e.g. `/api/patients/:id/notes`. Once an error
 * leaves a router express has restored `baseUrl`, so the prefix is taken from the URL: the path
 * minus as many trailing segments as the route's template has (mount paths hold no parameters).
 */
export function routeTemplate(req: Request): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof template !== 'string') return '(no route)';
  const own = template.split('/').filter(Boolean);
  const segments = req.originalUrl.split('?')[0]!.split('/').filter(Boolean);
  const prefix = segments.slice(0, Math.max(0, segments.length - own.length));
  return `/${[...prefix, ...own].join('/')}`;
}

export function errorHandler(log: Logger, onForbidden?: OnForbidden): ErrorRequestHandler {
  return async (err, req, res, _next) => {
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
      ({ status, body } = toErrorBody(fromConnectionError(err) ?? err));
    }
    if (err instanceof RateLimitedError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    if (status >= 500) {
      // Name and SQLSTATE only: a query error's message carries its parameters (PII, key wraps).
      log.error({ err: describeError(err), path: req.path }, 'request failed');
    }
    const user = res.locals.user as { id?: string } | undefined;
    if (status === 403 && user?.id && onForbidden) {
      // Awaited so the entry exists when the client sees the refusal; a failed write is logged,
      // the refusal still goes out.
      await onForbidden(user.id, routeTemplate(req)).catch((e: unknown) => {
        log.error({ err: describeError(e), path: req.path }, 'audit of a refusal failed');
      });
    }
    if (res.headersSent) return;
    res.status(status).json({ error: body });
  };
}
