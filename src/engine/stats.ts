/**
 * Latency statistics on HDR histograms: constant memory, mergeable across workers and
 * samples, 3 significant digits. Every value is an integer number of microseconds.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram };

/** One summary of a histogram; every field but `count` is in microseconds. */
export interface LatencySummary {
  count: number;
  minUs: number;
  meanUs: number;
  stdevUs: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
}

export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

/** Compressed base64, the form histograms take between processes and in snapshots. */
export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32);
}

/** Whether `encoded` decodes (a file from outside may carry a damaged one); empty means no samples. */
export function isDecodableHistogram(encoded: string): boolean {
  if (encoded === '') return true;
  try {
    decodeHistogram(encoded);
    return true;
  } catch {
    return false;
  }
}

/** Adds an encoded histogram (a child's tick) into `into`. Empty strings add nothing. */
export function addEncoded(into: Histogram, encoded: string | undefined): void {
  if (!encoded) return;
  const h = decodeHistogram(encoded);
  into.add(h);
  h.destroy();
}

export function mergeHistograms(parts: Iterable<Histogram>): Histogram {
  const out = createHistogram();
  for (const p of parts) out.add(p);
  return out;
}

export const EMPTY_SUMMARY: LatencySummary = Object.freeze({
  count: 0,
  minUs: 0,
  meanUs: 0,
  stdevUs: 0,
  p50Us: 0,
  p90Us: 0,
  p99Us: 0,
  p999Us: 0,
  maxUs: 0,
});

export function summarize(h: Histogram): LatencySummary {
  const count = h.totalCount;
  if (count === 0) return EMPTY_SUMMARY;
  return {
    count,
    minUs: h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue,
    meanUs: h.mean,
    stdevUs: h.stdDeviation,
    p50Us: h.getValueAtPercentile(50),
    p90Us: h.getValueAtPercentile(90),
    p99Us: h.getValueAtPercentile(99),
    p999Us: h.getValueAtPercentile(99.9),
    maxUs: h.maxValue,
  };
}

export function summarizeEncoded(encoded: string): LatencySummary {
  const h = decodeHistogram(encoded);
  const s = summarize(h);
  h.destroy();
  return s;
}

/** Mean and sample standard deviation of plain numbers (e.g. per-sample means). */
export function meanStdev(values: readonly number[]): { mean: number; stdev: number } {
  if (values.length === 0) return { mean: 0, stdev: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, stdev: 0 };
  const sq = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, stdev: Math.sqrt(sq / (values.length - 1)) };
}

/**
 * Named histograms that a child records into and flushes once per tick: flush returns
 * the encoded values recorded since the last flush and starts afresh, so that the
 * controller can both sum them (the sample's result) and draw them (live sparklines).
 */
export class IntervalRecorder<Name extends string> {
  private readonly hists = new Map<Name, Histogram>();

  constructor(private readonly names: readonly Name[]) {
    for (const n of names) this.hists.set(n, createHistogram());
  }

  record(name: Name, valueUs: number): void {
    this.hists.get(name)?.recordValue(valueUs);
  }

  /** Encoded deltas, only for histograms that recorded anything. */
  flush(): Partial<Record<Name, string>> {
    const out: Partial<Record<Name, string>> = {};
    for (const n of this.names) {
      const h = this.hists.get(n);
      if (!h || h.totalCount === 0) continue;
      out[n] = encodeHistogram(h);
      h.reset();
    }
    return out;
  }
}
