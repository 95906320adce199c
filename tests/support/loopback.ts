import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts a fake's HTTP server on a free port of 127.0.0.1; returns it and its base URL. */
export function listenOnLoopback(listener: { listen(port: number, host: string, cb: () => void): Server }): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = listener.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** Stops a fake's server at once, cutting keep-alive connections that would otherwise hold it open. */
export function closeNow(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
