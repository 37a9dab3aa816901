// `npm run bench:floor`'s server parts, shared by the plain floor and BENCH_FLOOR=lean: where the
// data goes, the queue, express and socket.io, and listening until the parent says stop.
import { createServer } from 'node:http';
import BeeQueue from 'bee-queue';
import express from 'express';
import { Server } from 'socket.io';
import { listenOnFreePort } from '../../tests/helpers/net.js';

export const DB =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The server child's parts: a queue, express with JSON bodies, socket.io (a socket joins the room it names). */
export function parts(prefix: string) {
  const queue = new BeeQueue<{ id: string }>('floor', {
    prefix,
    redis: { url: REDIS } as never,
    getEvents: false,
    sendEvents: false,
    removeOnSuccess: true,
    activateDelayedJobs: true,
  });
  const app = express();
  app.use(express.json());
  const http = createServer(app);
  const sio = new Server(http);
  sio.on('connection', (s) => void s.join(String(s.handshake.auth.user)));
  return { queue, app, http, sio };
}

/** Listens, tells the parent its port, and cleans up on SIGTERM. */
export async function listen(
  http: ReturnType<typeof createServer>,
  dropData: () => Promise<unknown>,
  queue: BeeQueue<{ id: string }>,
  sio: Server,
) {
  const port = await listenOnFreePort(http);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', async () => {
    await queue.close();
    sio.close();
    await dropData();
    process.exit(0);
  });
}
