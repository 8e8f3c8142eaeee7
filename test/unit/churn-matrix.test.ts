/** The churn matrix: rows mode, columns clients x drop share, best among ok cells, unavailable shown as – with a reason. */
import { describe, expect, it } from 'vitest';
import { buildChurnMatrix, CHURN_METRIC_INFO, CHURN_METRICS, churnColumnKey } from '../../src/engine/churn/matrix.js';
import { fakeChurnCell } from '../helpers/fake-churn.js';

const cells = [
  fakeChurnCell({ mode: 'ws', clients: 20, dropShare: 0.3, sent: 1000, lostWhileAway: 100, rttSteadyUs: [300, 310, 320], rttChurnUs: [400, 420] }),
  fakeChurnCell({ mode: 'ws', clients: 5, dropShare: 0.3, sent: 200, lostWhileAway: 1, rttSteadyUs: [250] }),
  fakeChurnCell({ mode: 'ws-outbox', clients: 20, dropShare: 0.3, sent: 1000, duplicates: 4, catchUpUs: [5000, 6000, 7000, 90_000], rttSteadyUs: [500, 520] }),
  fakeChurnCell({ mode: 'ws-outbox', clients: 5, dropShare: 0.3, status: 'unavailable', error: 'redis-server is not installed', sent: 0 }),
  fakeChurnCell({ mode: 'grpc', clients: 20, dropShare: 0.3, status: 'failed', error: 'pusher crashed', sent: 1000, lostOther: 0 }),
  fakeChurnCell({ mode: 'grpc', clients: 5, dropShare: 0.3, sent: 200, lostWhileAway: 2, rttSteadyUs: [240] }),
];

describe('buildChurnMatrix', () => {
  it('has a row per mode in order and columns by clients then drop share', () => {
    const m = buildChurnMatrix(cells, 'lostPct');
    expect(m.rows).toEqual(['ws', 'ws-outbox', 'grpc']);
    expect(m.columns).toEqual(['5c 30%', '20c 30%']);
    expect(churnColumnKey({ clients: 50, dropShare: 0.1 })).toBe('50c 10%');
    expect(m.title).toBe(CHURN_METRIC_INFO.lostPct.title);
  });

  it('lostPct is lost over sent; best among ok cells only', () => {
    const m = buildChurnMatrix(cells, 'lostPct');
    const col20 = m.cells.map((r) => r[1]);
    expect(col20.map((c) => c?.text)).toEqual(['10.0%', '0.0%', '0.0%']);
    // grpc failed with 0% lost: not a candidate, flagged instead.
    expect(col20.map((c) => c?.best)).toEqual([false, true, false]);
    expect(col20[2]?.failed).toBe(true);
    expect(col20[2]?.reason).toBe('failed: pusher crashed');
    const col5 = m.cells.map((r) => r[0]);
    expect(col5.map((c) => c?.text)).toEqual(['0.50%', '–', '1.0%']);
    expect(col5.map((c) => c?.best)).toEqual([true, false, false]);
  });

  it('an unavailable cell shows – with the reason kept for the detail, never best and not a failure', () => {
    const c = buildChurnMatrix(cells, 'duplicates').cells[1]?.[0];
    expect(c).toMatchObject({ value: undefined, text: '–', best: false, failed: false, reason: 'unavailable: redis-server is not installed' });
  });

  it('catch-up percentiles come from the encoded catchUpUs histogram; absent histogram -> – with a reason', () => {
    const p50 = buildChurnMatrix(cells, 'catchUpP50');
    expect(p50.cells[1]?.[1]?.value).toBeGreaterThanOrEqual(5900);
    expect(p50.cells[1]?.[1]?.value).toBeLessThanOrEqual(6100);
    expect(p50.cells[1]?.[1]?.text).toMatch(/^6\.\d\dms$/);
    expect(p50.cells[0]?.[1]).toMatchObject({ text: '–', reason: expect.stringContaining('nothing recorded') as unknown });
    const p99 = buildChurnMatrix(cells, 'catchUpP99');
    expect(p99.cells[1]?.[1]?.value).toBeGreaterThan(85_000);
  });

  it('rtt metrics: steady and churn p50, the lowest ok value marked per column', () => {
    const m = buildChurnMatrix(cells, 'rttSteadyP50');
    expect(m.cells[0]?.[1]?.text).toBe('310µs');
    expect(m.cells[0]?.[1]?.best).toBe(true);
    expect(m.cells[1]?.[1]?.best).toBe(false);
    expect(m.cells[2]?.[0]?.best).toBe(true);
    expect(buildChurnMatrix(cells, 'rttChurnP50').cells[0]?.[1]?.text).toMatch(/^4\d\dµs$/);
  });

  it('counts metrics (lostOther, duplicates, outOfOrder) and ties all marked best', () => {
    const dup = buildChurnMatrix(cells, 'duplicates');
    expect(dup.cells[1]?.[1]?.text).toBe('4');
    expect(dup.cells[0]?.[1]?.best).toBe(true);
    const other = buildChurnMatrix(cells, 'lostOther');
    expect(other.cells[0]?.[0]?.best && other.cells[2]?.[0]?.best).toBe(true);
  });

  it('every metric has info, and a missing cell of the grid is undefined', () => {
    for (const m of CHURN_METRICS) expect(CHURN_METRIC_INFO[m].better).toBe('lower');
    const m = buildChurnMatrix(cells.slice(0, 3), 'lostPct');
    expect(m.cells[1]?.[0]).toBeUndefined();
  });
});
