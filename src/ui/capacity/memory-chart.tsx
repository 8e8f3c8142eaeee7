/**
 * Server memory against connections, one line per protocol (asciichart), live or from
 * results. Without colours each line ends in its protocol's initial.
 *
 *   server memory (RSS, MiB) against connections:  ── ws  ── grpc
 *    120.0 MiB ┤                ╭───── w
 *     80.0 MiB ┼──────╭─────────╯
 *              0          5000          10.0k connections
 */
import type { Color } from 'asciichart';
import { cyan, magenta, plot, yellow } from 'asciichart';
import { Box, Text } from 'ink';
import type { ProtocolName } from '../../engine/protocols/names.js';
import { formatCount } from '../../engine/report/format.js';
import { colorsEnabled, tint } from '../theme.js';
import type { ChartCurve } from './memory-curve.js';
import { axisMax, markLineEnds, serverSeriesMiB } from './memory-curve.js';

const LABEL_WIDTH = 10;

const LINE: Record<ProtocolName, { chart: Color; ink: string; mark: string }> = {
  ws: { chart: cyan, ink: 'cyan', mark: 'w' },
  grpc: { chart: magenta, ink: 'magenta', mark: 'g' },
  mqtt: { chart: yellow, ink: 'yellow', mark: 'm' },
};

export function formatMiB(v: number): string {
  return `${v.toFixed(v < 100 ? 1 : 0)} MiB`;
}

/** `0 … mid … N connections`, its `0` under the axis and its end under the last column. */
export function xAxisText(xMax: number, columns: number): string {
  const end = `${formatCount(xMax)} connections`;
  const mid = formatCount(xMax / 2);
  const span = Math.max(end.length + mid.length + 4, columns);
  const left = `${' '.repeat(LABEL_WIDTH + 1)}0`;
  const midAt = Math.floor(span / 2) - Math.floor(mid.length / 2);
  const body = `${' '.repeat(Math.max(1, midAt - 1))}${mid}`;
  const pad = Math.max(1, span - 1 - body.length - end.length);
  return `${left}${body}${' '.repeat(pad)}${end}`;
}

export interface MemoryChartText {
  text: string;
  axis: string;
}

/** The chart as text: `columns` points wide (from `width`), `height` rows; empty when nothing to draw. */
export function memoryChartText(curves: readonly ChartCurve[], width: number, height: number, colors: boolean, atLeast = 0): MemoryChartText {
  const columns = Math.max(2, width - LABEL_WIDTH - 3);
  const xMax = axisMax(curves, atLeast);
  const series = serverSeriesMiB(curves, xMax, columns);
  const drawn = curves.map((c, i) => ({ c, s: series[i] ?? [] })).filter((d) => d.s.length > 0);
  if (drawn.length === 0) return { text: '', axis: '' };
  const opts = { height, format: (x: number) => formatMiB(x).padStart(LABEL_WIDTH) };
  const lines = drawn.map((d) => d.s);
  let text = plot(lines, colors ? { ...opts, colors: drawn.map((d) => LINE[d.c.protocol].chart) } : opts);
  if (!colors) text = markLineEnds(text, lines, drawn.map((d) => LINE[d.c.protocol].mark), LABEL_WIDTH, height);
  return { text, axis: xAxisText(xMax, columns) };
}

export interface MemoryChartProps {
  curves: readonly ChartCurve[];
  width: number;
  height: number;
  /** The axis reaches at least this many connections (live: the target). */
  atLeast?: number;
  /** Shown instead of the chart while there is nothing to draw. */
  empty?: string;
}

export function MemoryChart({ curves, width, height, atLeast = 0, empty = 'no memory curve yet' }: MemoryChartProps) {
  const colors = colorsEnabled();
  const { text, axis } = memoryChartText(curves, width, height, colors, atLeast);
  return (
    <Box flexDirection="column">
      <Text>
        server memory (RSS, MiB) against connections:
        {curves.map((c) => (
          <Text key={c.protocol} color={colors ? LINE[c.protocol].ink : undefined}>
            {'  '}
            {colors ? '──' : LINE[c.protocol].mark} {c.protocol}
          </Text>
        ))}
      </Text>
      {text ? <Text>{text}</Text> : <Text color={tint('dim')}>{empty}</Text>}
      {axis ? <Text color={tint('dim')}>{axis}</Text> : null}
    </Box>
  );
}
