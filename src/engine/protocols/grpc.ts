/**
 * gRPC (grpc-js): one bidirectional `pushtui.v1.Push/Stream` per client. Always protobuf:
 * the proto is gRPC's wire format, so `--encoding json` does not apply (a run notice says so).
 * See grpc-push.ts and grpc-client.ts for the two sides.
 */
import type { Plan } from '../plan.js';
import type { Scenario } from '../scenario.js';
import { splitClients } from '../scenario.js';
import type { GrpcChannels } from './grpc-client.js';
import { GrpcClientSide } from './grpc-client.js';
import { GrpcPushSide } from './grpc-push.js';
import type { FairnessFacts, Protocol } from './types.js';

function channelsOf(s: Scenario): GrpcChannels {
  return s.options.channels === 'shared' ? 'shared' : 'per-client';
}

/** TCP connections a scenario uses: one per client, or one per worker process when shared. */
export function grpcTcpConnections(s: Pick<Scenario, 'clients' | 'clientsPerWorker' | 'options'>): number {
  return s.options.channels === 'shared' ? splitClients(s.clients, s.clientsPerWorker).length : s.clients;
}

function facts(s: Scenario): FairnessFacts {
  const shared = channelsOf(s) === 'shared';
  const workers = splitClients(s.clients, s.clientsPerWorker).length;
  return {
    tcpConnections: grpcTcpConnections(s),
    ackMeaning: 'an application Ack message from the client up the same bidirectional gRPC stream',
    nagle: s.nagle ? 'on' : 'off',
    notes: [
      shared
        ? `one HTTP/2 connection per worker process (${workers}), its clients' streams multiplexed on it`
        : 'one HTTP/2 connection per client (own channel, local subchannel pool)',
      'always protobuf; one bidirectional stream per client; no TLS, no compression',
      'wire bytes measured on the pusher sockets: HTTP/2 frames (9 B header each) + gRPC 5 B length prefix + WINDOW_UPDATE/PING',
      s.nagle
        ? 'Nagle on for the pusher sockets only: grpc-js sets TCP_NODELAY on every client socket and has no option to keep Nagle'
        : 'TCP_NODELAY on both sides (Node http2 sets it on every session)',
    ],
  };
}

export const grpcProtocol: Protocol = {
  name: 'grpc',
  encodings: () => ['protobuf'],
  variants: (plan: Plan) => plan.grpcChannels.map((channels) => ({ label: channels === 'shared' ? 'shared' : '', options: { channels } })),
  facts,
  createPushSide: (s) => new GrpcPushSide(s),
  createClientSide: (s) => new GrpcClientSide(s),
};
