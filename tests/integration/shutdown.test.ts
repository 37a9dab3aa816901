// Graceful shutdown of the real entry point: `node src/main.ts` stops on SIGTERM, closes its
// sockets and its port, and exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEnv } from '../helpers/app.js';
import { createDoctor } from '../helpers/factories.js';
import { freePort } from '../helpers/net.js';
import { sleep } from '../helpers/poll.js';
import { connectSocket } from '../helpers/sockets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

async function waitReady(
  url: string,
  child: { exitCode: number | null },
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms: ${output()}`);
    await sleep(200);
  }
}

test('SIGTERM: sockets closed, exit 0 within 20 s, port closed', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...testEnv({ PORT: String(port), LOG_LEVEL: 'warn' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  });
  child.stderr.on('data', (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  try {
    await waitReady(url, child, () => output);
    // A live user with an open socket: shutdown must close it rather than wait for it.
    const doctor = await createDoctor(url).catch((e) => {
      throw new Error(`${e.message}\n${output}`);
    });
    const s = await connectSocket(url, doctor.token);
    const disconnected = new Promise<string>((resolve) => s.socket.once('disconnect', (reason) => resolve(reason)));

    const sent = Date.now();
    child.kill('SIGTERM');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit within 20 s: ${output}`)), 20_000).unref(),
    );
    const { code, signal } = await Promise.race([exited, timeout]);
    assert.equal(signal, null, `killed by ${signal}`);
    assert.equal(code, 0, output);
    assert.ok(Date.now() - sent < 20_000);
    assert.equal(typeof (await Promise.race([disconnected, timeout])), 'string', 'the socket was closed');
    s.close();
    assert.equal(await portOpen(port), false, 'the port is closed after exit');
    assert.doesNotMatch(output, /"level":(40|50|60)/, `no warning or error logged during shutdown: ${output}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  }
});
