// The bench's side of scripts/lib/socketFleet.ts: spawns k client processes, deals the clients
// out between them and gathers their answers.
import { type ChildProcess, spawn } from 'node:child_process';
import type { ClientReport, FleetClient, FleetCommand, FleetReply } from './socketFleet.js';
import { root } from './socketWorld.js';

export class Fleets {
  private readonly children: ChildProcess[] = [];

  constructor(k: number) {
    for (let i = 0; i < k; i++)
      this.children.push(
        spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/socketFleet.ts'], {
          cwd: root,
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  private ask<T extends FleetReply['type']>(child: ChildProcess, m: FleetCommand, type: T) {
    return new Promise<Extract<FleetReply, { type: T }>>((resolve) => {
      const on = (r: FleetReply) => {
        if (r.type !== type) return;
        child.off('message', on);
        resolve(r as Extract<FleetReply, { type: T }>);
      };
      child.on('message', on);
      child.send(m);
    });
  }

  /** Connects every client (dealt round-robin to the processes); resolves when all have tried. */
  async connect(kind: 'idle' | 'seq', urls: string[], clients: FleetClient[], concurrency = 100) {
    const k = this.children.length;
    const answers = await Promise.all(
      this.children.map((c, i) =>
        this.ask(
          c,
          {
            cmd: 'connect',
            kind,
            urls,
            clients: clients.filter((_, j) => j % k === i),
            concurrency: Math.ceil(concurrency / k),
          },
          'connected',
        ),
      ),
    );
    return {
      ok: answers.reduce((n, a) => n + a.ok, 0),
      failed: answers.reduce((n, a) => n + a.failed, 0),
      ms: Math.max(...answers.map((a) => a.ms)),
      error: answers.find((a) => a.error)?.error ?? null,
    };
  }

  async count() {
    const answers = await Promise.all(this.children.map((c) => this.ask(c, { cmd: 'count' }, 'count')));
    const sum = (k: 'received' | 'connected' | 'down' | 'up' | 'failed') => answers.reduce((n, a) => n + a[k], 0);
    return {
      received: sum('received'),
      connected: sum('connected'),
      down: sum('down'),
      up: sum('up'),
      failed: sum('failed'),
    };
  }

  async report(): Promise<ClientReport[]> {
    const answers = await Promise.all(this.children.map((c) => this.ask(c, { cmd: 'report' }, 'report')));
    return answers.flatMap((a) => a.clients);
  }

  /** Disconnects every client and ends the processes. */
  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve(null);
            c.once('exit', resolve);
            c.send({ cmd: 'close' } satisfies FleetCommand);
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  }
}
