import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, IntervalRecorder, meanStdev, mergeHistograms, summarize, summarizeEncoded } from '../../src/engine/stats.js';

/** A seeded generator so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The value at percentile p by the same definition HDR uses: the smallest value with >= p% of samples at or below it. */
function bruteForcePercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.round((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

describe('stats', () => {
  it('percentiles match a brute-force sort within HDR precision (3 significant digits)', () => {
    const next = rng(42);
    for (const shape of ['uniform', 'lognormal'] as const) {
      const values = Array.from({ length: 20_000 }, () =>
        shape === 'uniform' ? Math.floor(next() * 50_000) + 1 : Math.floor(Math.exp(4 + next() * 6 + next())),
      );
      const h = createHistogram();
      for (const v of values) h.recordValue(v);
      const sorted = [...values].sort((a, b) => a - b);
      const s = summarize(h);
      for (const [p, got] of [[50, s.p50Us], [90, s.p90Us], [99, s.p99Us], [99.9, s.p999Us]] as const) {
        const want = bruteForcePercentile(sorted, p);
        expect(Math.abs(got - want), `${shape} p${p}: ${got} vs ${want}`).toBeLessThanOrEqual(want * 0.001 + 1);
      }
      expect(s.maxUs).toBeGreaterThanOrEqual(sorted.at(-1) ?? 0);
      expect(Math.abs(s.maxUs - (sorted.at(-1) ?? 0))).toBeLessThanOrEqual((sorted.at(-1) ?? 0) * 0.001 + 1);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(Math.abs(s.meanUs - mean) / mean).toBeLessThan(0.001);
      expect(s.count).toBe(values.length);
    }
  });

  it('encode/decode keeps every count, and merging equals recording everything in one', () => {
    const next = rng(7);
    const a = createHistogram();
    const b = createHistogram();
    const all = createHistogram();
    for (let i = 0; i < 5000; i++) {
      const v = Math.floor(next() * 10_000) + 1;
      (i % 2 ? a : b).recordValue(v);
      all.recordValue(v);
    }
    // Encoding keeps bucket counts; the exact max becomes its bucket's highest equivalent value.
    const withoutMax = ({ maxUs: _max, ...rest }: ReturnType<typeof summarize>) => rest;
    const decoded = summarize(decodeHistogram(encodeHistogram(a)));
    expect(withoutMax(decoded)).toEqual(withoutMax(summarize(a)));
    expect(Math.abs(decoded.maxUs - summarize(a).maxUs)).toBeLessThanOrEqual(summarize(a).maxUs * 0.001 + 1);
    const merged = summarize(mergeHistograms([decodeHistogram(encodeHistogram(a)), b]));
    expect(withoutMax(merged)).toEqual(withoutMax(summarize(all)));
  });

  it('summarizes an empty histogram as count 0 without NaN', () => {
    const s = summarize(createHistogram());
    expect(s.count).toBe(0);
    expect(Object.values(s).every((v) => Number.isFinite(v))).toBe(true);
  });

  it('IntervalRecorder flushes deltas and starts afresh', () => {
    const r = new IntervalRecorder(['rttUs', 'oneWayUs'] as const);
    r.record('rttUs', 100);
    r.record('rttUs', 300);
    const first = r.flush();
    expect(Object.keys(first)).toEqual(['rttUs']);
    expect(summarizeEncoded(first.rttUs ?? '').count).toBe(2);
    expect(r.flush()).toEqual({});
    r.record('oneWayUs', 5);
    expect(summarizeEncoded(r.flush().oneWayUs ?? '').p50Us).toBe(5);
  });

  it('meanStdev uses the sample standard deviation', () => {
    expect(meanStdev([])).toEqual({ mean: 0, stdev: 0 });
    expect(meanStdev([4])).toEqual({ mean: 4, stdev: 0 });
    const r = meanStdev([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.stdev).toBeCloseTo(2.138, 3);
  });
});
