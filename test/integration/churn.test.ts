/**
 * Churn over real servers, a real mosquitto and a real redis-server, with drops at known
 * moments: at-most-once modes lose exactly what was sent while the client was away (or on
 * the wire when its socket died); persistent MQTT sessions and the Redis outbox lose nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChurnCellResult } from '../../src/engine/churn/result.js';
import { ChurnResultSchema } from '../../src/engine/churn/result.js';
import { churnReport } from '../../src/engine/churn/report.js';
import type { ChurnCollected } from '../helpers/churn.js';
import { collectChurn, KNOWN_DROPS, serviceTempDirs, tinyChurnPlan } from '../helpers/churn.js';
import { expectAllGone, requireProgram } from '../helpers/run.js';
import { usePrivateTmpdir } from '../helpers/tmpdir.js';

const redis = requireProgram('redis-server');
const mosquitto = requireProgram('mosquitto');
const missing = [redis, mosquitto].find((p) => p.skip);

describe.skipIf(missing)(`churn with known drops${missing ? ` (${missing.reason})` : ''}`, () => {
  let run: ChurnCollected;
  const cell = (mode: string): ChurnCellResult => {
    const c = run.result?.cells.find((x) => x.mode === mode);
    if (!c) throw new Error(`no ${mode} cell`);
    return c;
  };
  // The services' temp dirs go under this file's own TMPDIR: what is there is ours alone.
  usePrivateTmpdir();

  beforeAll(async () => {
    run = await collectChurn(tinyChurnPlan({ protocols: ['ws', 'grpc', 'mqtt'], broker: 'mosquitto' }), { schedule: () => KNOWN_DROPS });
  }, 150_000);

  afterAll(async () => {
    await expectAllGone(run.pids);
  });

  it('runs every mode to the end and validates as a ChurnResult', () => {
    expect(run.error).toBeUndefined();
    expect(() => ChurnResultSchema.parse(run.result)).not.toThrow();
    expect(run.result?.cells.map((c) => [c.mode, c.status])).toEqual(
      ['ws', 'ws-outbox', 'grpc', 'grpc-outbox', 'mqtt-qos0', 'mqtt-qos1', 'mqtt-qos2'].map((m) => [m, 'ok']),
    );
    for (const c of run.result?.cells ?? []) {
      expect(c.drops).toMatchObject({ abrupt: 1, graceful: 1, reconnectFailures: 0 });
      expect(c.connectFailures).toBe(0);
      expect(c.counts.delivered + c.counts.lost).toBe(c.counts.sent);
      expect(c.counts.sent).toBeGreaterThan(0);
    }
  });

  for (const mode of ['ws', 'grpc', 'mqtt-qos0']) {
    it(`${mode}: loses what was sent while the client was away (or on the wire at the abrupt drop), nothing else`, () => {
      const n = cell(mode).counts;
      expect(n.lost).toBeGreaterThan(0);
      expect(n.lostOther).toBe(0);
      expect(n.lostAtEnd).toBe(0);
      expect(n.lost).toBe(n.lostWhileAway + n.lostInFlight);
      expect(n.lostWhileAway).toBeLessThanOrEqual(n.sentWhileAway);
      expect(cell(mode).drops.caughtUp).toBe(0);
    });
  }

  for (const mode of ['ws-outbox', 'grpc-outbox', 'mqtt-qos1', 'mqtt-qos2']) {
    it(`${mode}: loses nothing, and both clients catch up after coming back`, () => {
      const c = cell(mode);
      expect(c.counts.lost).toBe(0);
      expect(c.counts.delivered).toBe(c.counts.sent);
      expect(c.counts.sentWhileAway).toBeGreaterThan(0);
      expect(c.drops.caughtUp).toBe(2);
      expect(c.hist.catchUpUs).toBeTruthy();
    });
  }

  it('outbox modes replay from Redis, trim on ack, and report Redis memory', () => {
    for (const mode of ['ws-outbox', 'grpc-outbox']) {
      const o = cell(mode).outbox;
      expect(o?.appended).toBe(cell(mode).counts.sent);
      expect(o?.replayed).toBeGreaterThan(0);
      expect(o?.resumes).toBe(5);
      expect(o?.errors).toBe(0);
      expect(o?.memoryPeakBytes).toBeGreaterThan(0);
    }
  });

  it('records round trips with nobody dropping (the cost of each guarantee)', () => {
    for (const c of run.result?.cells ?? []) expect(c.hist.rttSteadyUs, c.mode).toBeTruthy();
    const report = churnReport(run.result as NonNullable<typeof run.result>);
    expect(report).toContain('## Cost of the guarantee');
    expect(report).toMatch(/\| ws-outbox +\| 3c 67% drop/);
  });

  it('leaves no process and no temp dir behind', async () => {
    await expectAllGone(run.pids);
    expect(run.events.some((e) => e.type === 'start' && e.pids.length === 2)).toBe(true);
    expect(serviceTempDirs()).toEqual([]);
  });
});

describe.skipIf(mosquitto.skip)('churn without Redis', () => {
  it('marks the outbox modes unavailable with one line and runs the rest', async () => {
    const run = await collectChurn(tinyChurnPlan({ modes: ['ws', 'ws-outbox'], redis: 'redis://127.0.0.1:1' }), { schedule: () => KNOWN_DROPS });
    await expectAllGone(run.pids);
    const [ws, outbox] = run.result?.cells ?? [];
    expect(ws?.status).toBe('ok');
    expect(outbox?.status).toBe('unavailable');
    expect(outbox?.error).toMatch(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);
    expect(outbox?.error).not.toContain('\n');
  }, 60_000);
});

describe.skipIf(missing)('churn abort', () => {
  it('stops every child, redis-server and mosquitto when aborted mid-cell', async () => {
    const ac = new AbortController();
    const run = await collectChurn(tinyChurnPlan({ modes: ['ws-outbox', 'mqtt-qos1'], durationMs: 60_000, dropShare: [0.5] }), {
      signal: ac.signal,
      onEvent: (e) => {
        if (e.type === 'progress') ac.abort(new Error('test abort'));
      },
    });
    expect(run.result?.aborted).toBe(true);
    expect(run.result?.cells[0]?.status).toBe('aborted');
    expect(run.pids.length).toBeGreaterThanOrEqual(3);
    await expectAllGone(run.pids);
  }, 60_000);
});
