// Starts scripts/lib/bareServer.ts as a child process and talks to it over IPC.
import { spawn } from 'node:child_process';
import type { BareCommand, BareReply } from './bareServer.js';
import { root } from './socketWorld.js';

export interface BareProc {
  url: string;
  pid: number;
  ask<T extends BareReply['type']>(m: BareCommand, type: T): Promise<Extract<BareReply, { type: T }>>;
  send(m: BareCommand): void;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** `withSync`: the server also answers `sync` with an empty page (bench:reconnect's floor). */
export async function startBare(withSync = false): Promise<BareProc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/bareServer.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BARE_SYNC: withSync ? '1' : '' },
  });
  const exited = new Promise((r) => child.once('exit', r));
  const wait = <T extends BareReply['type']>(type: T) =>
    new Promise<Extract<BareReply, { type: T }>>((resolve) => {
      const on = (r: BareReply) => {
        if (r.type !== type) return;
        child.off('message', on);
        resolve(r as Extract<BareReply, { type: T }>);
      };
      child.on('message', on);
    });
  const { port } = await wait('listening');
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    ask: (m, type) => {
      const answer = wait(type);
      child.send(m);
      return answer;
    },
    send: (m) => child.send(m),
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
