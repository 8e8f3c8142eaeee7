/**
 * Churn parts against real servers: a client counts a notification it gets twice (never
 * hides it), and the Redis outbox replays what is newer than a resume and trims on ack.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { codecFor } from '../../src/engine/codec.js';
import type { ChurnCell } from '../../src/engine/churn/messages.js';
import { Outbox } from '../../src/engine/churn/outbox.js';
import { ChurnPusher } from '../../src/engine/churn/pusher.js';
import type { RunningRedis } from '../../src/engine/churn/redis-server.js';
import { findRedisServer, startRedisServer } from '../../src/engine/churn/redis-server.js';
import { analyzeDelivery } from '../../src/engine/churn/result.js';
import { ChurnWorker } from '../../src/engine/churn/worker.js';
import type { PushSide } from '../../src/engine/protocols/types.js';
import { expectAllGone, requireProgram } from '../helpers/run.js';

const codec = codecFor('json');

function cellFor(mode: ChurnCell['mode'], extra: Partial<ChurnCell> = {}): ChurnCell {
  return {
    id: 't', mode, clients: 1, dropShare: 0, ratePerClient: 20, baselineMs: 0, warmupMs: 0, durationMs: 250, drainMs: 1000,
    payloadBytes: 8, encoding: 'json', host: '127.0.0.1', timeoutMs: 5000, runId: `t${process.pid}`, ...extra,
  };
}

describe('churn client', () => {
  it('counts a duplicate and an out-of-order arrival instead of hiding them', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    const acks: number[] = [];
    const allAcked = new Promise<void>((resolve) => {
      wss.on('connection', (ws) => {
        ws.on('message', (b: Buffer) => {
          acks.push(codec.decodeAck(b).seq);
          if (acks.length === 4) resolve();
        });
        for (const seq of [0, 2, 0, 1]) ws.send(codec.encodeNotification({ seq, sentAt: 1, message: 'x' }));
      });
    });
    const port = (wss.address() as { port: number }).port;
    const worker = new ChurnWorker(cellFor('ws'), codec, ['c0'], {});
    expect(await worker.connectAll(`ws://127.0.0.1:${port}/`)).toMatchObject({ ok: 1, failed: 0 });
    await allAcked;
    const report = await worker.finish();
    wss.close();
    expect(report.clients[0]).toMatchObject({ received: 4, duplicates: 1, outOfOrder: 2 });
    const counts = analyzeDelivery({ sent: { c0: 3 }, away: { c0: [] } }, report.clients);
    expect(counts).toMatchObject({ sent: 3, delivered: 3, lost: 0, duplicates: 1 });
  });
});

const redisProgram = requireProgram('redis-server');

describe.skipIf(redisProgram.skip)(`Redis outbox${redisProgram.skip ? ` (${redisProgram.reason})` : ''}`, () => {
  let server: RunningRedis | undefined;
  afterAll(async () => {
    await server?.stop();
    if (server?.pid) await expectAllGone([server.pid]);
  });

  it('replays everything newer than the resume point, and trims what is acked', async () => {
    server = await startRedisServer(findRedisServer() ?? 'redis-server', '127.0.0.1');
    const cell = cellFor('ws-outbox');
    const outbox = new Outbox(server.url, cell.runId);
    await outbox.open();
    const delivered: number[] = [];
    const side: PushSide = {
      prepare: () => Promise.resolve(''),
      connected: () => new Set(['c0']),
      send: (_id, bytes) => delivered.push(codec.decodeNotification(bytes).seq),
      wireBytes: () => ({ sent: 0, received: 0 }),
      close: () => Promise.resolve(),
    };
    const pusher = new ChurnPusher(cell, side, codec, outbox, ['c0']);
    const resume = (seq: number): void => pusher.onAck('c0', codec.encodeAck({ seq, payload: 'resume' }));
    const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 200));
    resume(0);
    await settle();
    await pusher.run(Number(process.hrtime.bigint()), new AbortController().signal);
    const sent = pusher.report({}).sent.c0 ?? 0;
    expect(sent).toBe(5);
    expect(delivered).toEqual([0, 1, 2, 3, 4]);
    resume(0);
    await settle();
    expect(delivered.slice(5)).toEqual([0, 1, 2, 3, 4]);
    const probe = new Redis(server.url);
    expect(await probe.xlen(outbox.key('c0'))).toBe(5);
    // A resume from 3 says the client has 0..2: they are trimmed even though their acks never came.
    resume(3);
    await settle();
    expect(delivered.slice(10)).toEqual([3, 4]);
    expect(await probe.xlen(outbox.key('c0'))).toBe(2);
    pusher.onAck('c0', codec.encodeAck({ seq: 3, payload: '' }));
    await settle();
    expect(await probe.xlen(outbox.key('c0'))).toBe(1);
    const report = pusher.report({});
    expect(report.outbox).toMatchObject({ appended: 5, replayed: 7, resumes: 3, errors: 0 });
    await outbox.close(['c0']);
    expect(await probe.exists(outbox.key('c0'))).toBe(0);
    probe.disconnect();
  });
});
