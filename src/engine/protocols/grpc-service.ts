/**
 * The gRPC service pushtui speaks, built from proto/pushtui.proto by protobufjs reflection
 * (the same Root the protobuf codec uses), with identity serializers: grpc-js moves opaque
 * Buffers and the pattern driver's own codec encodes and decodes inside the measured round
 * trip, exactly as for WebSocket and MQTT. No @grpc/proto-loader, no second encode.
 */
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { protoRoot } from '../codec.js';
import { MAX_PAYLOAD_BYTES } from '../plan.js';

/** Metadata key a client names itself with when it opens its stream. */
export const CLIENT_ID_KEY = 'x-client-id';

/** Largest gRPC message either side accepts, bytes: the largest payload plus room for the envelope. */
export const MAX_MESSAGE_BYTES = MAX_PAYLOAD_BYTES + 1024;

export class GrpcServiceError extends Error {
  override name = 'GrpcServiceError';
}

/** Pass-through (de)serializer: grpc-js sees bytes only. */
export function identity(bytes: Buffer): Buffer {
  return bytes;
}

/** A Uint8Array as a Buffer without copying (protobufjs already returns Buffers in Node). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface StreamMethod {
  /** `/pushtui.v1.Push/Stream` */
  path: string;
  definition: ServiceDefinition;
}

let method: StreamMethod | undefined;

/** The bidirectional Stream method of `pushtui.v1.Push`, read from the proto once per process. */
export function streamMethod(): StreamMethod {
  if (method) return method;
  const service = protoRoot().lookupService('pushtui.v1.Push');
  const stream = service.methods.Stream;
  if (!stream?.requestStream || !stream.responseStream) {
    throw new GrpcServiceError('proto/pushtui.proto: pushtui.v1.Push/Stream must be a bidirectional stream');
  }
  const path = `/${service.fullName.replace(/^\./, '')}/${stream.name}`;
  const definition: ServiceDefinition = {
    Stream: {
      path,
      requestStream: true,
      responseStream: true,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
      originalName: 'stream',
    },
  };
  method = { path, definition };
  return method;
}

/** A gRPC status code as its name (`14` -> `UNAVAILABLE`), the way errors are counted. */
export function statusName(code: unknown): string {
  if (typeof code === 'number') {
    const name = (status as unknown as Record<number, string | undefined>)[code];
    return name ?? `status ${code}`;
  }
  return 'UNKNOWN';
}

/** Metadata naming one client. */
export function clientMetadata(clientId: string): Metadata {
  const md = new Metadata();
  md.set(CLIENT_ID_KEY, clientId);
  return md;
}

/** `host:port` as a gRPC target (IPv6 literals in brackets). */
export function grpcTarget(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
