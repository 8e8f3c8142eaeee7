/**
 * A latency distribution from an encoded HDR histogram: the value at percentiles spaced
 * evenly on a "nines" scale (0, 90, 99, 99.9, ...), as HdrHistogram's own plots do, so
 * that the tail is as visible as the median.
 */
import { decodeHistogram } from '../engine/stats.js';

export interface CurvePoint {
  percentile: number;
  valueUs: number;
}

/** `points` values from p0 to `maxPercentile`, evenly spaced in log10(1 / (1 - p/100)). */
export function percentileCurve(encoded: string | undefined, points: number, maxPercentile = 99.9): CurvePoint[] {
  if (!encoded || points < 2) return [];
  const h = decodeHistogram(encoded);
  try {
    if (h.totalCount === 0) return [];
    const maxNines = Math.log10(100 / (100 - maxPercentile));
    return Array.from({ length: points }, (_, i) => {
      const nines = (maxNines * i) / (points - 1);
      const percentile = 100 - 100 / 10 ** nines;
      return { percentile, valueUs: h.getValueAtPercentile(percentile) };
    });
  } finally {
    h.destroy();
  }
}
