/** The capacity screens' pure parts: curve resampling, the run reducer, the Setup summary, decimation. */
import { describe, expect, it } from 'vitest';
import { decimateCurve } from '../../src/engine/capacity/curve.js';
import { parseCapacityPlan } from '../../src/engine/capacity/plan.js';
import { capacityRunReducer, currentIndex, initialCapacityRun, liveKbPerConnection, LIVE_POINTS } from '../../src/ui/capacity/capacity-run-state.js';
import { summarizeCapacityPlan } from '../../src/ui/capacity/capacity-summary.js';
import { memoryChartText, xAxisText } from '../../src/ui/capacity/memory-chart.js';
import { axisMax, curveOfRun, markLineEnds, resampleCurve, resultCurves } from '../../src/ui/capacity/memory-curve.js';
import { fakeCapacityResult, fakeCapacityRun, fakeSamples } from '../helpers/fake-capacity.js';

describe('resampleCurve', () => {
  it('interpolates linearly onto evenly spaced connection counts', () => {
    expect(resampleCurve([0, 100], [10, 20], 100, 5)).toEqual([10, 12.5, 15, 17.5, 20]);
    expect(resampleCurve([0, 10, 100], [0, 10, 10], 100, 11)).toEqual([0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
  });

  it('stops where the curve stops: a shorter series for a curve that reached fewer connections', () => {
    expect(resampleCurve([0, 50], [1, 2], 100, 5)).toEqual([1, 1.5, 2]);
  });

  it('takes the last point of a plateau (the settled measurement ends a curve)', () => {
    expect(resampleCurve([0, 100, 100, 100], [1, 5, 6, 7], 100, 3)).toEqual([1, 3, 7]);
    expect(resampleCurve([0, 0, 100], [1, 2, 4], 100, 3)).toEqual([2, 3, 4]);
  });

  it('copes with nothing, one point and an empty axis', () => {
    expect(resampleCurve([], [], 100, 5)).toEqual([]);
    expect(resampleCurve([0], [3], 100, 5)).toEqual([3]);
    expect(resampleCurve([0], [3], 0, 5)).toEqual([3]);
  });

  it('falls back to baseline and settled measurement for a run saved without a curve', () => {
    const r = fakeCapacityRun('ws', 1000, { curve: undefined });
    expect(curveOfRun(r)).toEqual([
      { open: 0, serverRssBytes: r.server.rssBaselineBytes, clientRssBytes: r.client.rssBaselineBytes },
      { open: 1000, serverRssBytes: r.server.rssAfterBytes, clientRssBytes: r.client.rssAfterBytes },
    ]);
    expect(curveOfRun(fakeCapacityRun('ws', 1000, { curve: undefined, open: 0 }))).toHaveLength(1);
  });

  it('charts the largest run per protocol, on an axis up to the largest open', () => {
    const curves = resultCurves([fakeCapacityRun('ws', 100), fakeCapacityRun('ws', 1000), fakeCapacityRun('grpc', 500), fakeCapacityRun('mqtt', 10, { open: 0 })]);
    expect(curves.map((c) => [c.protocol, c.points.at(-1)?.open])).toEqual([['ws', 1000], ['grpc', 500]]);
    expect(axisMax(curves)).toBe(1000);
    expect(axisMax(curves, 2000)).toBe(2000);
  });

  it('draws MiB labels, the x axis, and line-end marks without colour', () => {
    const curves = resultCurves([fakeCapacityRun('ws', 1000), fakeCapacityRun('grpc', 500)]);
    const { text, axis } = memoryChartText(curves, 60, 5, false);
    expect(text).toContain('MiB');
    // Each line ends in its protocol's initial (the labels hold neither letter).
    expect(text).toMatch(/[─╭╯╮╰]w/);
    expect(text).toMatch(/[─╭╯╮╰]g/);
    expect(axis.trim()).toMatch(/^0 +500 +1000 connections$/);
    expect(xAxisText(20_000, 40)).toContain('20.0k connections');
    expect(markLineEnds('x', [], ['w'], 10, 5)).toBe('x');
  });
});

describe('decimateCurve', () => {
  it('keeps first and last, at most max points', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => i);
    const d = decimateCurve(pts, 200);
    expect(d).toHaveLength(200);
    expect(d[0]).toBe(0);
    expect(d.at(-1)).toBe(999);
    expect(decimateCurve([1, 2, 3], 200)).toEqual([1, 2, 3]);
  });
});

describe('capacity run reducer', () => {
  const plan = parseCapacityPlan({ protocols: ['ws', 'grpc'], connections: [100, 1000] });

  it('follows samples: live curve, connect rate, KiB per connection, current measurement', () => {
    let s = initialCapacityRun(plan);
    expect(s.order).toHaveLength(4);
    expect(currentIndex(s)).toBe(0);
    for (const sample of fakeSamples('ws', 100)) s = capacityRunReducer(s, { type: 'sample', sample });
    expect(s.live.map((p) => p.open)).toEqual([0, 25, 50, 75, 100]);
    expect(s.sample?.phase).toBe('holding');
    expect(s.connectRatePerSec).toBeCloseTo(100);
    expect(liveKbPerConnection(s)?.serverKb).toBeCloseTo(10);
    expect(liveKbPerConnection(s)?.clientKb).toBeCloseTo(20);
    s = capacityRunReducer(s, { type: 'run', run: fakeCapacityRun('ws', 100) });
    expect(currentIndex(s)).toBe(1);
    s = capacityRunReducer(s, { type: 'sample', sample: fakeSamples('ws', 1000)[0]! });
    expect(s.live).toHaveLength(1);
    expect(s.connectRatePerSec).toBeUndefined();
  });

  it('keeps a bounded live curve and the last progress lines', () => {
    let s = initialCapacityRun(plan);
    const base = fakeSamples('ws', 100)[1]!;
    for (let i = 0; i <= LIVE_POINTS; i++) s = capacityRunReducer(s, { type: 'sample', sample: { ...base, open: i } });
    expect(s.live.length).toBeLessThanOrEqual(LIVE_POINTS);
    for (let i = 0; i < 10; i++) s = capacityRunReducer(s, { type: 'progress', line: `line ${i}` });
    expect(s.lines).toEqual(['line 6', 'line 7', 'line 8', 'line 9']);
  });

  it('asks before quitting, and ends with a result or an error', () => {
    let s = capacityRunReducer(initialCapacityRun(plan), { type: 'ask-quit' });
    expect(s.confirmQuit).toBe(true);
    s = capacityRunReducer(s, { type: 'cancel-quit' });
    expect(s.confirmQuit).toBe(false);
    s = capacityRunReducer(capacityRunReducer(s, { type: 'ask-quit' }), { type: 'quit' });
    expect(s).toMatchObject({ quitting: true, confirmQuit: false });
    const done = capacityRunReducer(s, { type: 'done', result: fakeCapacityResult([]) });
    expect(done.phase).toBe('ended');
    expect(currentIndex(done)).toBeUndefined();
    expect(capacityRunReducer(done, { type: 'ask-quit' }).confirmQuit).toBe(false);
    expect(capacityRunReducer(initialCapacityRun(plan), { type: 'failed', message: 'boom' })).toMatchObject({ phase: 'ended', error: 'boom' });
  });
});

describe('summarizeCapacityPlan', () => {
  it('counts measurements, estimates the time, and says how the work is spread', () => {
    const plan = parseCapacityPlan({ protocols: ['ws', 'mqtt'], connections: [1000, 10_000], connectRatePerSec: 1000, settleMs: 4000, holdMs: 1000 });
    const s = summarizeCapacityPlan(plan, { soft: 1024, hard: 4096 });
    expect(s.scenarios).toBe(4);
    expect(s.blocker).toBeUndefined();
    // 2 s + n / 1000 s + 4 s / 2 + 1 s each; mqtt 10k is cut to what the broker's fd limit allows (4096 - 64 - 1).
    expect(s.estimateMs).toBe(2 * (2000 + 1000 + 2000 + 1000) + (2000 + 10_000 + 2000 + 1000) + (2000 + 4031 + 2000 + 1000));
    expect(s.notices.some((n) => n.startsWith('mqtt 10.0k will stop at') && n.includes('open-file hard limit is 4096'))).toBe(true);
    expect(s.info).toContain('ws 10.0k: 3 server processes on 127.0.0.1…127.0.0.3, 3 client workers');
    expect(s.info.some((n) => n.startsWith('mqtt') && n.includes('one broker process'))).toBe(true);
  });

  it('has no layout without limits, and a blocker when no descriptor is left for connections', () => {
    const plan = parseCapacityPlan({ connections: [1000] });
    expect(summarizeCapacityPlan(plan, undefined)).toMatchObject({ scenarios: 1, notices: [], info: [], blocker: undefined });
    expect(summarizeCapacityPlan(plan, { soft: 64, hard: 64 }).blocker).toMatch(/leaves no descriptor/);
  });

  it("lays out with the machine's own ephemeral port range when Setup read it (Linux's default otherwise)", () => {
    const plan = parseCapacityPlan({ protocols: ['ws'], connections: [50_000] });
    const fds = { soft: 200_000, hard: 200_000 };
    expect(summarizeCapacityPlan(plan, fds).info).toEqual(['ws 50.0k: 2 server processes on 127.0.0.1…127.0.0.2, 5 client workers']);
    expect(summarizeCapacityPlan(plan, { ...fds, ports: { low: 1024, high: 65_535 } }).info).toEqual(['ws 50.0k: 1 server process on 127.0.0.1, 5 client workers']);
  });
});
