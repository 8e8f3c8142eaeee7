/**
 * The memory chart's data, pure: asciichart plots y over the index, so each protocol's
 * curve (server RSS against connections open) is resampled onto evenly spaced connection
 * counts, one per column, by linear interpolation. A curve that stops short of the axis'
 * end (a protocol that reached fewer connections, a run still connecting) gives a shorter
 * series, and its line ends there.
 */
import { largestRun } from '../../engine/capacity/report.js';
import type { CapacityRun, CurvePoint } from '../../engine/capacity/result.js';
import type { ProtocolName } from '../../engine/protocols/names.js';

export type { CurvePoint };

/** One line of the chart: a protocol's server memory against connections open. */
export interface ChartCurve {
  protocol: ProtocolName;
  points: readonly CurvePoint[];
}

export const MIB = 1024 * 1024;

/**
 * `values` (y at `opens`, opens non-decreasing) at x = k * xMax / (columns - 1) for every
 * column k whose x the curve reaches. Where several points share one `open` (settling), the
 * last one counts: the settled measurement ends a run's curve.
 */
export function resampleCurve(opens: readonly number[], values: readonly number[], xMax: number, columns: number): number[] {
  const n = Math.min(opens.length, values.length);
  if (n === 0) return [];
  const last = opens[n - 1] ?? 0;
  const cols = xMax <= 0 ? 1 : Math.max(1, Math.floor(columns));
  const out: number[] = [];
  let j = 0;
  for (let k = 0; k < cols; k++) {
    const x = cols === 1 ? 0 : (k * xMax) / (cols - 1);
    if (x > last) break;
    while (j + 1 < n && (opens[j + 1] ?? 0) <= x) j++;
    const x0 = opens[j] ?? 0;
    const y0 = values[j] ?? 0;
    const next = j + 1 < n ? j + 1 : undefined;
    if (next === undefined || x0 >= x) {
      out.push(y0);
      continue;
    }
    const x1 = opens[next] ?? x0;
    const y1 = values[next] ?? y0;
    out.push(x1 > x0 ? y0 + ((y1 - y0) * (x - x0)) / (x1 - x0) : y1);
  }
  return out;
}

/** Server RSS in MiB per column, for each curve, over a shared axis 0 … xMax connections. */
export function serverSeriesMiB(curves: readonly ChartCurve[], xMax: number, columns: number): number[][] {
  return curves.map((c) => resampleCurve(c.points.map((p) => p.open), c.points.map((p) => p.serverRssBytes / MIB), xMax, columns));
}

/** The axis' end: the largest `open` any curve reaches (at least 1). */
export function axisMax(curves: readonly ChartCurve[], atLeast = 0): number {
  return Math.max(1, atLeast, ...curves.flatMap((c) => c.points.map((p) => p.open)));
}

/** A run's curve, or (saved before curves existed) its baseline and settled measurement. */
export function curveOfRun(r: CapacityRun): CurvePoint[] {
  if (r.curve && r.curve.length > 0) return r.curve;
  const base = { open: 0, serverRssBytes: r.server.rssBaselineBytes, clientRssBytes: r.client.rssBaselineBytes };
  return r.open > 0 ? [base, { open: r.open, serverRssBytes: r.server.rssAfterBytes, clientRssBytes: r.client.rssAfterBytes }] : [base];
}

/** One curve per protocol: its largest run that connected anything (the one the projection uses). */
export function resultCurves(runs: readonly CapacityRun[]): ChartCurve[] {
  const protocols = [...new Set(runs.map((r) => r.protocol))];
  return protocols.flatMap((protocol) => {
    const r = largestRun(runs, protocol);
    return r ? [{ protocol, points: curveOfRun(r) }] : [];
  });
}

/**
 * Without colours, lines cannot be told apart: puts `mark` just after the last value of
 * a series in asciichart's plain output. Mirrors asciichart's layout: each row is the
 * label (`labelWidth` chars), one space, the axis, then one char per column; the value v
 * sits on row `rows - (round(v * ratio) - min2)`.
 */
export function markLineEnds(text: string, series: readonly (readonly number[])[], marks: readonly string[], labelWidth: number, height: number): string {
  const all = series.flat();
  if (all.length === 0) return text;
  const min = Math.min(...all);
  const max = Math.max(...all);
  const range = Math.abs(max - min);
  const ratio = range !== 0 ? height / range : 1;
  const min2 = Math.round(min * ratio);
  const rows = Math.abs(Math.round(max * ratio) - min2);
  const lines = text.split('\n');
  series.forEach((s, i) => {
    const v = s.at(-1);
    const mark = marks[i];
    if (v === undefined || !mark) return;
    const row = rows - (Math.round(v * ratio) - min2);
    const col = labelWidth + 1 + s.length;
    const line = lines[row];
    if (line === undefined) return;
    const chars = [...line.padEnd(col + 1)];
    chars[col] = mark;
    lines[row] = chars.join('');
  });
  return lines.join('\n');
}
