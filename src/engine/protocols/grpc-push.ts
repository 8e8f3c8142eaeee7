/**
 * The gRPC push side: a grpc-js Server serving `pushtui.v1.Push/Stream`. Each client opens
 * one bidirectional stream naming itself in `x-client-id` metadata; the server answers
 * with response headers at once (the client's proof that the stream is up end to end),
 * pushes notifications down the stream and reads acks up it.
 *
 * The TCP listener is pushtui's own `net.Server`, handing each accepted socket to grpc-js
 * through its public `createConnectionInjector` (same HTTP/2 server code as `bindAsync`).
 * That keeps the raw sockets in hand, so wire bytes are measured from socket counters and
 * `--nagle` can be honoured on the push side.
 */
import { createServer } from 'node:net';
import type { Server as NetServer, Socket } from 'node:net';
import { Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServerDuplexStream, ServiceError } from '@grpc/grpc-js';
import type { Scenario } from '../scenario.js';
import { asBuffer, CLIENT_ID_KEY, grpcTarget, MAX_MESSAGE_BYTES, streamMethod, statusName } from './grpc-service.js';
import type { PushHandlers, PushSide } from './types.js';
import { SocketBytes } from './ws.js';

type StreamCall = ServerDuplexStream<Buffer, Buffer>;
type Injector = ReturnType<Server['createConnectionInjector']>;

export class GrpcPushSide implements PushSide {
  private readonly server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  private listener: NetServer | undefined;
  private injector: Injector | undefined;
  private readonly links = new Map<string, StreamCall>();
  private readonly sockets = new Set<Socket>();
  private readonly bytes = new SocketBytes();

  constructor(private readonly scenario: Scenario) {}

  async prepare(handlers: PushHandlers): Promise<string> {
    this.server.addService(streamMethod().definition, {
      Stream: (call: StreamCall) => this.accept(call, handlers),
    });
    this.injector = this.server.createConnectionInjector(ServerCredentials.createInsecure());
    const listener = createServer((socket) => this.adopt(socket));
    this.listener = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen({ host: this.scenario.host, port: 0, backlog: 4096 }, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    const addr = listener.address();
    if (typeof addr === 'string' || !addr) throw new Error('gRPC listener has no port');
    return grpcTarget(this.scenario.host, addr.port);
  }

  private adopt(socket: Socket): void {
    this.sockets.add(socket);
    this.bytes.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => this.sockets.delete(socket));
    this.injector?.injectConnection(socket);
    // Node's Http2Session has just set TCP_NODELAY on this socket; undo it if asked to.
    if (this.scenario.nagle) socket.setNoDelay(false);
  }

  private accept(call: StreamCall, handlers: PushHandlers): void {
    const id = call.metadata.get(CLIENT_ID_KEY)[0];
    if (typeof id !== 'string' || !id) {
      call.emit('error', Object.assign(new Error(`missing ${CLIENT_ID_KEY} metadata`), { code: status.INVALID_ARGUMENT }));
      return;
    }
    // Only the client's current stream reports: a stale one ending late is no failure of the new one.
    const close = (reason: string): void => {
      if (this.links.get(id) !== call) return;
      this.links.delete(id);
      handlers.onClose(id, reason);
    };
    this.links.set(id, call);
    call.on('data', (bytes: Buffer) => handlers.onAck(id, bytes));
    // A polite half-close reads end -> finish -> cancelled; a lost connection end -> cancelled
    // -> finish. (A reset from a live client looks polite to grpc-js: it reads as 'closed'.)
    call.on('end', () => call.end());
    call.on('finish', () => close(call.cancelled ? statusName(status.CANCELLED) : 'closed'));
    call.on('cancelled', () => close(statusName(status.CANCELLED)));
    call.on('error', (err: Partial<ServiceError>) => close(statusName(err.code)));
    call.sendMetadata(new Metadata());
  }

  connected(): ReadonlySet<string> {
    return new Set(this.links.keys());
  }

  send(clientId: string, bytes: Uint8Array): void {
    this.links.get(clientId)?.write(asBuffer(bytes));
  }

  wireBytes(): { sent: number; received: number } {
    return this.bytes.totals();
  }

  async close(): Promise<void> {
    this.links.clear();
    // Also closes the injector's HTTP/2 server and destroys every session.
    this.server.forceShutdown();
    for (const s of this.sockets) s.destroy();
    const listener = this.listener;
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}
