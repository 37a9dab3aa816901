// Ports for tests and scripts (also imported by scripts/run-tests.mjs and the bench scripts).
import net from 'node:net';

/** Starts `server` on a port the OS picks, on loopback; resolves with that port. */
export function listenOnFreePort(server: net.Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** A port that was free a moment ago, for a child process (a server, the Auth Emulator) to listen on. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const srv = net.createServer();
  const port = await listenOnFreePort(srv, host);
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
