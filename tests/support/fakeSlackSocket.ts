import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/**
 * Socket Mode on the fake: apps.connections.open hands out ws://…/link, the server greets with `hello`, sends
 * envelopes {envelope_id, type, payload, accepts_response_payload, retry_attempt, retry_reason} and waits for
 * the app's acknowledgement {envelope_id, payload?} (api.slack.com/apis/connections/socket).
 */
export class FakeSlackSocket {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private seq = 0;
  readonly clients = new Set<WebSocket>();
  readonly received: unknown[] = [];

  constructor(server: Server) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith('/link')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  private accept(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      this.received.push(frame);
      if (frame.envelope_id) this.acks.get(frame.envelope_id)?.(frame.payload);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.clients.size, debug_info: { host: 'fake-slack', approximate_connection_time: 3600 }, connection_info: { app_id: 'AFAKEAPP' } }));
  }

  /** Resolves once an app is connected (it has received `hello`). */
  async connected(timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.clients.size === 0) {
      if (Date.now() > until) throw new Error('no Socket Mode connection');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Sends one envelope to the connected app; resolves with the payload of its acknowledgement. */
  deliver(type: EnvelopeType, payload: unknown, opts: { retryAttempt?: number; timeoutMs?: number } = {}): Promise<unknown> {
    const [ws] = this.clients;
    if (!ws) return Promise.reject(new Error('no Socket Mode connection'));
    const envelopeId = `env-${++this.seq}-${Date.now()}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`envelope ${envelopeId} was not acknowledged`)), opts.timeoutMs ?? 5000);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        this.acks.delete(envelopeId);
        resolve(ack ?? {});
      });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: opts.retryAttempt ?? 0,
          retry_reason: opts.retryAttempt ? 'timeout' : '',
        }),
      );
    });
  }

  close(): void {
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
  }
}
