/**
 * The gRPC client side: each client opens one bidirectional `Stream` call, naming itself in
 * metadata, and counts as connected when the server's response headers arrive (the stream
 * is then open end to end and registered on the push side).
 *
 * Channels: `per-client` gives every client its own grpc-js channel with a local subchannel
 * pool, hence its own TCP connection (channels to one target otherwise share one);
 * `shared` multiplexes all of a worker's streams over one channel, one HTTP/2 connection.
 * A channel closes with its last stream, so every sample connects afresh.
 */
import { Client, credentials, status } from '@grpc/grpc-js';
import type { ChannelOptions, ClientDuplexStream, StatusObject } from '@grpc/grpc-js';
import type { Scenario } from '../scenario.js';
import { asBuffer, clientMetadata, identity, MAX_MESSAGE_BYTES, statusName, streamMethod } from './grpc-service.js';
import type { ClientHandlers, ClientLink, ClientSide } from './types.js';

/** How a worker's clients map onto HTTP/2 connections (plan field `grpcChannels`). */
export type GrpcChannels = 'per-client' | 'shared';

/** A stream that ended before it opened; `code` is the gRPC status name, counted as the reason. */
export class GrpcStreamError extends Error {
  override name = 'GrpcStreamError';
  constructor(
    readonly code: string,
    details: string,
  ) {
    super(`gRPC stream failed to open: ${code}${details ? ` (${details})` : ''}`);
  }
}

const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.use_local_subchannel_pool': 1,
  'grpc.enable_retries': 0,
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
};

/** Grace for a polite half-close before the stream is cancelled, ms. */
const CLOSE_GRACE_MS = 1000;

type StreamCall = ClientDuplexStream<Buffer, Buffer>;

interface Lease {
  client: Client;
  release(): void;
}

interface SharedChannel {
  endpoint: string;
  client: Client;
  streams: number;
}

export class GrpcClientSide implements ClientSide {
  private readonly mode: GrpcChannels;
  private shared: SharedChannel | undefined;
  private readonly calls = new Set<StreamCall>();
  private readonly channels = new Set<Client>();

  constructor(private readonly scenario: Scenario) {
    this.mode = scenario.options.channels === 'shared' ? 'shared' : 'per-client';
  }

  private lease(endpoint: string): Lease {
    if (this.mode === 'per-client') {
      const client = this.open(endpoint);
      return { client, release: once(() => this.closeChannel(client)) };
    }
    if (this.shared?.endpoint !== endpoint) this.shared = { endpoint, client: this.open(endpoint), streams: 0 };
    const ch = this.shared;
    ch.streams++;
    const release = once(() => {
      if (--ch.streams > 0) return;
      this.closeChannel(ch.client);
      if (this.shared === ch) this.shared = undefined;
    });
    return { client: ch.client, release };
  }

  private open(endpoint: string): Client {
    const client = new Client(endpoint, credentials.createInsecure(), CHANNEL_OPTIONS);
    this.channels.add(client);
    return client;
  }

  private closeChannel(client: Client): void {
    client.close();
    this.channels.delete(client);
  }

  connect(endpoint: string, clientId: string, handlers: ClientHandlers): Promise<ClientLink> {
    const lease = this.lease(endpoint);
    const call: StreamCall = lease.client.makeBidiStreamRequest(streamMethod().path, identity, identity, clientMetadata(clientId));
    this.calls.add(call);
    call.once('status', () => {
      this.calls.delete(call);
      lease.release();
    });
    return openStream(call, handlers, this.scenario.timeoutMs);
  }

  async close(): Promise<void> {
    for (const call of this.calls) call.cancel();
    this.calls.clear();
    for (const client of this.channels) client.close();
    this.channels.clear();
    this.shared = undefined;
    await Promise.resolve();
  }
}

/**
 * Resolves with the link when the server's response headers arrive; rejects with the status
 * name if the call ends first, or DEADLINE_EXCEEDED (and cancels it) after `timeoutMs`.
 */
function openStream(call: StreamCall, handlers: ClientHandlers, timeoutMs: number): Promise<ClientLink> {
  return new Promise((resolve, reject) => {
    let open = false;
    let timedOut = false;
    let closing = false;
    let ended = false;
    let onEnded: (() => void) | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      call.cancel();
    }, timeoutMs);
    const link: ClientLink = {
      sendAck: (bytes) => void call.write(asBuffer(bytes)),
      close: () =>
        new Promise<void>((done) => {
          closing = true;
          if (ended) return done();
          const grace = setTimeout(() => call.cancel(), CLOSE_GRACE_MS);
          onEnded = () => {
            clearTimeout(grace);
            done();
          };
          call.end();
        }),
    };
    call.on('metadata', () => {
      if (open) return;
      open = true;
      clearTimeout(timer);
      resolve(link);
    });
    call.on('data', (bytes: Buffer) => handlers.onNotification(bytes));
    // The 'status' event carries every outcome; this listener only keeps 'error' from throwing.
    call.on('error', () => undefined);
    call.on('status', (s: StatusObject) => {
      ended = true;
      clearTimeout(timer);
      const reason = s.code === status.OK ? 'closed' : statusName(s.code);
      if (!open) reject(new GrpcStreamError(timedOut ? 'DEADLINE_EXCEEDED' : reason, timedOut ? 'stream not open within the timeout' : s.details));
      else if (!closing) handlers.onClose(reason);
      onEnded?.();
    });
  });
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
