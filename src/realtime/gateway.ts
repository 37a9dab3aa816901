// Socket.IO on the API's HTTP server: handshake auth, one room per user, the command registry,
// and the Redis adapter so rooms span every API process.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { publishSafely } from '../redis.js';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { authenticateSession } from '../users/service.js';
import type { Limiter } from '../rateLimit.js';
import { socketConnections } from '../metrics.js';
import { userRoom } from '../events/publisher.js';
import { describeError } from '../logger.js';
import { AppError } from '../errors.js';
import { clientIp, toBytes, type TrustFn } from '../http/limits.js';
import { auditOnce } from '../audit/log.js';
import { toAckError } from './ack.js';
import { commands } from './commands.js';
import { doseCommands } from './doseCommands.js';
import { messageCommands } from './messageCommands.js';
import type { ClientToServerEvents, ServerToClientEvents } from './protocol.js';

export type CarebeatServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: User; expiresAt: number }
>;

export const adapterKey = (prefix: string) => `${prefix}#sio`;

export function attachRealtime(
  ctx: AppContext,
  httpServer: HttpServer,
  limiters: { user: Limiter; handshake: Limiter },
  trust: TrustFn,
): { io: CarebeatServer; close(): Promise<void> } {
  // A socket message may be as large as an HTTP body, no larger (both carry the same commands).
  const maxHttpBufferSize = toBytes(ctx.config.bodyLimit);
  const io: CarebeatServer = new Server(httpServer, { serveClient: true, maxHttpBufferSize });
  const limiter = limiters.user;
  // Publishes while Redis is down must not crash the process (src/redis.ts publishSafely).
  const pub = publishSafely(ctx.redis.duplicate(), ctx.log);
  const sub = ctx.redis.duplicate();
  sub.on('error', () => {}); // reconnects and resubscribes by itself
  io.adapter(createAdapter(pub, sub, { key: adapterKey(ctx.config.redisPrefix) }));

  // Handshakes count against the auth budget per IP before any token is verified, so a flood of
  // connects cannot make us verify (and ask Firebase about) tokens without limit.
  io.use(async (socket, next) => {
    try {
      await limiters.handshake.consume(`ip:${clientIp(socket.request, trust)}`);
      next();
    } catch (err) {
      // connect_error carries the error shape in `data`, as an ack would.
      const { error } = toAckError(err);
      next(Object.assign(new Error(error.code === 'RATE_LIMITED' ? 'rate_limited' : 'unavailable'), { data: error }));
    }
  });
  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    try {
      if (typeof token !== 'string' || token.length === 0) throw new Error('no token');
      // Sockets live long: check revocation once, at connect.
      const session = await authenticateSession(ctx, token, true);
      socket.data.user = session.user;
      socket.data.expiresAt = session.expiresAt;
      next();
    } catch (err) {
      // Only a bad token is "unauthorized" (the client signs out); a provider that did not answer
      // is "unavailable", with the error shape, and the client retries.
      if (err instanceof AppError && err.status >= 500) {
        next(Object.assign(new Error('unavailable'), { data: toAckError(err).error }));
      } else next(new Error('unauthorized'));
    }
  });

  io.on('connection', (socket) => {
    const user = socket.data.user;
    socketConnections.inc();
    void socket.join(userRoom(user.id));
    // A socket lives no longer than the token that opened it; the client reconnects with a fresh one.
    const expiry = setTimeout(
      () => socket.disconnect(true),
      Math.min(Math.max(0, socket.data.expiresAt - Date.now()), 2 ** 31 - 1),
    );
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      socketConnections.dec();
    });
    for (const [name, command] of Object.entries({ ...commands, ...doseCommands, ...messageCommands }))
      bindCommand(ctx, socket, limiter, name, command);
  });

  return {
    io,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}

function bindCommand(
  ctx: AppContext,
  socket: Socket,
  limiter: Limiter,
  name: string,
  command: (typeof commands)[string],
) {
  socket.on(name, async (data: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
    try {
      await limiter.consume(`user:${socket.data.user.id}`);
      reply({ ok: true, ...(await command.handle(ctx, socket.data.user, data)) });
    } catch (err) {
      const answer = toAckError(err);
      if (answer.error.code === 'INTERNAL')
        ctx.log.error({ err: describeError(err), command: name }, 'socket command failed');
      // A refusal over a socket is on the trail as an HTTP 403 is: who, and the command's name only.
      if (err instanceof AppError && err.status === 403)
        await auditOnce(ctx.db, socket.data.user.id, 'access.denied', `socket:${name}`).catch((e: unknown) =>
          ctx.log.error({ err: describeError(e), command: name }, 'audit of a refusal failed'),
        );
      reply(answer);
    }
  });
}
