/**
 * Encode and decode the two wire messages (Notification, Ack) as JSON or protobuf.
 * The protobuf types come from proto/pushtui.proto by protobufjs reflection, so the
 * same file defines the gRPC service and the bytes that WebSocket and MQTT carry.
 * Serialization is deliberately inside every measured round trip (as in the study).
 */
import protobuf from 'protobufjs';
import { protoPath } from './paths.js';

export type Encoding = 'json' | 'protobuf';

export interface Notification {
  seq: number;
  /** Monotonic send time, nanoseconds (see clock.ts). */
  sentAt: number;
  message: string;
}

export interface Ack {
  seq: number;
  payload: string;
}

export interface Codec {
  readonly encoding: Encoding;
  encodeNotification(n: Notification): Uint8Array;
  decodeNotification(bytes: Uint8Array): Notification;
  encodeAck(a: Ack): Uint8Array;
  decodeAck(bytes: Uint8Array): Ack;
}

export class CodecError extends Error {
  override name = 'CodecError';
}

const decoder = new TextDecoder();

const jsonCodec: Codec = {
  encoding: 'json',
  encodeNotification: (n) => Buffer.from(JSON.stringify({ seq: n.seq, sentAt: n.sentAt, message: n.message })),
  decodeNotification: (bytes) => {
    const v = JSON.parse(decoder.decode(bytes)) as Partial<Notification>;
    if (typeof v.seq !== 'number' || typeof v.sentAt !== 'number' || typeof v.message !== 'string') {
      throw new CodecError('not a Notification');
    }
    return v as Notification;
  },
  encodeAck: (a) => Buffer.from(JSON.stringify({ seq: a.seq, payload: a.payload })),
  decodeAck: (bytes) => {
    const v = JSON.parse(decoder.decode(bytes)) as Partial<Ack>;
    if (typeof v.seq !== 'number' || typeof v.payload !== 'string') throw new CodecError('not an Ack');
    return v as Ack;
  },
};

interface LongLike {
  toNumber(): number;
}

let root: protobuf.Root | undefined;

/** The parsed proto (loaded once per process). */
export function protoRoot(): protobuf.Root {
  root ??= protobuf.loadSync(protoPath());
  return root;
}

/**
 * proto3 strings must be valid UTF-8: text with a lone UTF-16 surrogate cannot be carried, and
 * protobufjs would silently turn it into replacement characters (one or three, by length).
 * Refused instead. O(1) for pushtui's ASCII payloads (V8 one-byte strings hold no surrogates).
 */
function wellFormed(text: string, what: string): string {
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) throw new CodecError(`${what} is not well-formed Unicode (lone surrogate)`);
  return text;
}

function makeProtobufCodec(): Codec {
  const NotificationType = protoRoot().lookupType('pushtui.v1.Notification');
  const AckType = protoRoot().lookupType('pushtui.v1.Ack');
  return {
    encoding: 'protobuf',
    encodeNotification: (n) => {
      wellFormed(n.message, 'Notification.message');
      return NotificationType.encode(n).finish();
    },
    decodeNotification: (bytes) => {
      const m = NotificationType.decode(bytes) as unknown as { seq: number; sentAt: number | LongLike; message: string };
      const sentAt = typeof m.sentAt === 'number' ? m.sentAt : m.sentAt.toNumber();
      return { seq: m.seq, sentAt, message: m.message };
    },
    encodeAck: (a) => {
      wellFormed(a.payload, 'Ack.payload');
      return AckType.encode(a).finish();
    },
    decodeAck: (bytes) => {
      const m = AckType.decode(bytes) as unknown as Ack;
      return { seq: m.seq, payload: m.payload };
    },
  };
}

let protobufCodec: Codec | undefined;

export function codecFor(encoding: Encoding): Codec {
  if (encoding === 'json') return jsonCodec;
  protobufCodec ??= makeProtobufCodec();
  return protobufCodec;
}

/** Payload size as the design counts it: UTF-8 bytes of the text (its `.length` only for ASCII). */
export function payloadBytesOf(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A payload of exactly `bytes` ASCII characters (1 byte each in UTF-8). */
export function makePayload(bytes: number): string {
  return 'x'.repeat(bytes);
}
