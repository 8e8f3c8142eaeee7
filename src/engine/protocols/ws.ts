/**
 * WebSocket (the `ws` library): the pusher is a WebSocket server, each client one
 * connection (`ws://host:port/?id=c7`). JSON goes in text frames, protobuf in binary
 * frames; permessage-deflate is off so that payload bytes are what travels.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { MAX_PAYLOAD_BYTES } from '../plan.js';
import type { Scenario } from '../scenario.js';
import type { ClientHandlers, ClientLink, ClientSide, Protocol, PushHandlers, PushSide } from './types.js';

const MAX_FRAME = MAX_PAYLOAD_BYTES + 1024;

/** Sums bytes over sockets that come and go, keeping the totals of closed ones. */
export class SocketBytes {
  private readonly live = new Set<Socket>();
  private closedSent = 0;
  private closedReceived = 0;

  add(socket: Socket): void {
    this.live.add(socket);
    socket.once('close', () => {
      this.live.delete(socket);
      this.closedSent += socket.bytesWritten;
      this.closedReceived += socket.bytesRead;
    });
  }

  totals(): { sent: number; received: number } {
    let sent = this.closedSent;
    let received = this.closedReceived;
    for (const s of this.live) {
      sent += s.bytesWritten;
      received += s.bytesRead;
    }
    return { sent, received };
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

class WsPushSide implements PushSide {
  private server: WebSocketServer | undefined;
  private readonly links = new Map<string, WebSocket>();
  private readonly bytes = new SocketBytes();
  private readonly binary: boolean;

  constructor(private readonly scenario: Scenario) {
    this.binary = scenario.encoding !== 'json';
  }

  async prepare(handlers: PushHandlers): Promise<string> {
    const server = new WebSocketServer({
      host: this.scenario.host,
      port: 0,
      perMessageDeflate: false,
      maxPayload: MAX_FRAME,
      clientTracking: false,
      backlog: 4096,
    });
    this.server = server;
    server.on('connection', (ws: WebSocket, req: IncomingMessage) => this.accept(ws, req, handlers));
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const addr = server.address();
    if (typeof addr === 'string' || !addr) throw new Error('ws server has no port');
    return `ws://${hostForUrl(this.scenario.host)}:${addr.port}/`;
  }

  private accept(ws: WebSocket, req: IncomingMessage, handlers: PushHandlers): void {
    const id = new URL(req.url ?? '/', 'ws://x').searchParams.get('id');
    if (!id) {
      ws.close(1008, 'missing id');
      return;
    }
    const socket = req.socket;
    socket.setNoDelay(!this.scenario.nagle);
    this.bytes.add(socket);
    this.links.set(id, ws);
    ws.on('message', (data: Buffer) => handlers.onAck(id, data));
    ws.on('error', () => undefined);
    ws.once('close', (code: number) => {
      if (this.links.get(id) === ws) this.links.delete(id);
      handlers.onClose(id, code === 1000 || code === 1005 ? 'closed' : `close ${code}`);
    });
  }

  connected(): ReadonlySet<string> {
    return new Set(this.links.keys());
  }

  send(clientId: string, bytes: Uint8Array): void {
    this.links.get(clientId)?.send(bytes, { binary: this.binary });
  }

  wireBytes(): { sent: number; received: number } {
    return this.bytes.totals();
  }

  async close(): Promise<void> {
    for (const ws of this.links.values()) ws.terminate();
    this.links.clear();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

class WsClientSide implements ClientSide {
  private readonly sockets = new Set<WebSocket>();
  private readonly binary: boolean;

  constructor(private readonly scenario: Scenario) {
    this.binary = scenario.encoding !== 'json';
  }

  connect(endpoint: string, clientId: string, handlers: ClientHandlers): Promise<ClientLink> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${endpoint}?id=${encodeURIComponent(clientId)}`, {
        perMessageDeflate: false,
        maxPayload: MAX_FRAME,
        handshakeTimeout: this.scenario.timeoutMs,
      });
      let open = false;
      let closing = false;
      ws.on('upgrade', (res: IncomingMessage) => (res.socket).setNoDelay(!this.scenario.nagle));
      ws.on('message', (data: Buffer) => handlers.onNotification(data));
      ws.on('error', (err) => {
        if (!open) reject(err);
      });
      ws.once('close', (code: number) => {
        this.sockets.delete(ws);
        if (!open) reject(Object.assign(new Error(`closed ${code}`), { code: `close ${code}` }));
        else if (!closing) handlers.onClose(code === 1000 || code === 1005 ? 'closed' : `close ${code}`);
      });
      ws.once('open', () => {
        open = true;
        this.sockets.add(ws);
        resolve({
          sendAck: (bytes) => ws.send(bytes, { binary: this.binary }),
          close: () =>
            new Promise<void>((done) => {
              closing = true;
              if (ws.readyState === WebSocket.CLOSED) return done();
              ws.once('close', () => done());
              ws.close(1000);
              setTimeout(() => {
                ws.terminate();
                done();
              }, 1000).unref();
            }),
        });
      });
    });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await Promise.resolve();
  }
}

export const wsProtocol: Protocol = {
  name: 'ws',
  encodings: (plan) => plan.encodings,
  variants: () => [{ label: '', options: {} }],
  facts: (s) => ({
    tcpConnections: s.clients,
    ackMeaning: 'an application Ack message from the client over the same WebSocket',
    nagle: s.nagle ? 'on' : 'off',
    notes: ['one TCP connection per client', 'permessage-deflate off', `${s.encoding === 'json' ? 'text' : 'binary'} frames`],
  }),
  createPushSide: (s) => new WsPushSide(s),
  createClientSide: (s) => new WsClientSide(s),
};

