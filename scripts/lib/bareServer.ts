// bench:sockets's baseline, a child process: a bare socket.io server (`new Server()`, no auth, no
// adapter, no commands). Each socket joins one room named by its handshake's `auth.token`, taken
// as a user id unchecked, as Carebeat's sockets join their user's room, so the same fan-out can be sent to both. Over
// IPC it answers its memory and event-loop lag, and emits `rate` events/s to random rooms.
// Started by scripts/lib/bareProc.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

export type BareCommand = { cmd: 'stats' } | { cmd: 'fanout'; rate: number; rooms: string[] } | { cmd: 'stop' };
export type BareReply =
  | { type: 'listening'; port: number }
  | { type: 'stats'; heapUsed: number; rss: number; lagP99Ms: number; sockets: number; emitted: number };

const http = createServer();
const io = new Server(http);
io.on('connection', (socket) => {
  void socket.join(`user:${(socket.handshake.auth as { token?: string }).token}`);
  // Only for bench:reconnect's floor (a reconnect plus one round trip); bench:sockets leaves it
  // off, so the bare sockets carry no listener of ours.
  if (process.env.BARE_SYNC)
    socket.on('sync', (_data: unknown, ack?: (page: unknown) => void) => ack?.({ events: [], hasMore: false }));
});
// prom-client's default eventloop lag metrics use the same histogram at the same resolution.
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let timer: NodeJS.Timeout | null = null;
let emitted = 0;

process.on('message', (m: BareCommand) => {
  if (m.cmd === 'stats') {
    const mem = process.memoryUsage();
    process.send!({
      type: 'stats',
      heapUsed: mem.heapUsed,
      rss: mem.rss,
      lagP99Ms: lag.percentile(99) / 1e6,
      sockets: io.engine.clientsCount,
      emitted,
    } satisfies BareReply);
    lag.reset();
  } else if (m.cmd === 'fanout') {
    if (timer) clearInterval(timer);
    // Paced on the clock in 10 ms ticks, as the Carebeat driver paces its writes.
    const t0 = Date.now();
    const from = emitted;
    timer = setInterval(() => {
      for (const due = from + Math.floor((m.rate * (Date.now() - t0)) / 1000); emitted < due; ) {
        const room = m.rooms[Math.floor(Math.random() * m.rooms.length)]!;
        emitted++;
        io.to(room).emit('patient:assigned', {
          eventId: `bare-${emitted}`,
          seq: emitted,
          at: new Date().toISOString(),
          patient: { id: room, name: 'bench' },
        });
      }
    }, 10);
  } else {
    if (timer) clearInterval(timer);
    timer = null;
  }
});

// The bench died without stopping us: go with it.
process.on('disconnect', () => process.exit(0));

http.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'listening', port: (http.address() as AddressInfo).port } satisfies BareReply);
});
