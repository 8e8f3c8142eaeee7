import { describe, expect, it } from 'vitest';
import { nowNs } from '../../src/engine/clock.js';
import type { Encoding } from '../../src/engine/codec.js';
import { CodecError, codecFor, makePayload, payloadBytesOf } from '../../src/engine/codec.js';

const ENCODINGS: Encoding[] = ['json', 'protobuf'];
const KIB_64 = 65_536;

const TEXTS: Record<string, { text: string; utf8Bytes: number }> = {
  empty: { text: '', utf8Bytes: 0 },
  '64 KiB ASCII': { text: makePayload(KIB_64), utf8Bytes: KIB_64 },
  'Latin-1 (2 bytes each)': { text: 'héllo wörld', utf8Bytes: 13 },
  'CJK (3 bytes each)': { text: '日本語', utf8Bytes: 9 },
  'astral emoji (4 bytes, 2 UTF-16 units)': { text: '😀𝄞', utf8Bytes: 8 },
  'long mixed (Buffer path in protobufjs)': { text: `${'x'.repeat(100)}é日😀`, utf8Bytes: 100 + 2 + 3 + 4 },
  'control characters': { text: 'a\u0000b\n"c"\\', utf8Bytes: 8 },
};

describe.each(ENCODINGS)('%s codec', (encoding) => {
  const codec = codecFor(encoding);

  it.each(Object.entries(TEXTS))('round-trips a Notification: %s', (_name, { text }) => {
    const n = { seq: 42, sentAt: nowNs(), message: text };
    expect(codec.decodeNotification(codec.encodeNotification(n))).toEqual(n);
  });

  it.each(Object.entries(TEXTS))('round-trips an Ack: %s', (_name, { text }) => {
    const a = { seq: 7, payload: text };
    expect(codec.decodeAck(codec.encodeAck(a))).toEqual(a);
  });

  it('carries the payload as UTF-8: encoded size grows by its UTF-8 bytes, not its string length', () => {
    const base = codec.encodeNotification({ seq: 1, sentAt: 1, message: 'abc' }).byteLength;
    const wide = codec.encodeNotification({ seq: 1, sentAt: 1, message: '日本語' }).byteLength;
    expect(wide - base).toBe(9 - 3);
  });

  it('keeps seq 0 and the largest uint32 seq', () => {
    for (const seq of [0, 4_294_967_295]) {
      expect(codec.decodeAck(codec.encodeAck({ seq, payload: '' })).seq).toBe(seq);
    }
  });

  it('refuses bytes that are not its message', () => {
    expect(() => codec.decodeAck(Buffer.from([0xff, 0xff, 0xff]))).toThrow();
  });
});

describe('payloadBytesOf', () => {
  it.each(Object.entries(TEXTS))('counts UTF-8 bytes: %s', (_name, { text, utf8Bytes }) => {
    expect(payloadBytesOf(text)).toBe(utf8Bytes);
  });

  it('equals the requested size for generated payloads', () => {
    for (const bytes of [0, 1, 1500, KIB_64]) expect(payloadBytesOf(makePayload(bytes))).toBe(bytes);
  });
});

describe('text that is not well-formed Unicode', () => {
  const lone = `a\ud800b`;

  it('round-trips through JSON (escaped as \\ud800)', () => {
    const codec = codecFor('json');
    expect(codec.decodeAck(codec.encodeAck({ seq: 1, payload: lone })).payload).toBe(lone);
  });

  it('is refused by protobuf, whose strings must be valid UTF-8, instead of being silently replaced', () => {
    const codec = codecFor('protobuf');
    expect(() => codec.encodeNotification({ seq: 1, sentAt: 1, message: lone })).toThrow(CodecError);
    expect(() => codec.encodeAck({ seq: 1, payload: lone })).toThrow(CodecError);
  });
});
