/**
 * Live round trip of the current protocol over time: p50 and p99 as asciichart lines,
 * read from the LiveSeries ring buffers (not React state) at the capped frame rate.
 */
import { cyan, magenta, plot } from 'asciichart';
import { Box, Text } from 'ink';
import { formatUs } from '../engine/report/format.js';
import type { LiveSeries } from './live-series.js';
import { colorsEnabled, tint } from './theme.js';

const LABEL_WIDTH = 9;

/** The chart as text; `format` labels the y axis (round trips in µs unless told). */
export function chartText(series: number[][], width: number, height: number, colors: boolean, format: (v: number) => string = formatUs): string {
  const points = Math.max(2, width - LABEL_WIDTH - 2);
  const cut = series.map((s) => s.slice(-points)).filter((s) => s.length > 0);
  if (cut.length === 0) return '';
  return plot(cut, {
    height,
    format: (x: number) => format(x).padStart(LABEL_WIDTH),
    ...(colors ? { colors: [cyan, magenta] } : {}),
  });
}

export function LiveChart({ series, protocol, width, height }: { series: LiveSeries; protocol: string; width: number; height: number }) {
  const pair = series.get(protocol);
  const text = pair ? chartText([pair.p50Us.values(), pair.p99Us.values()], width, height, colorsEnabled()) : '';
  return (
    <Box flexDirection="column">
      <Text>
        round trip, {protocol}: <Text color={tint('p50')}>── p50</Text> <Text color={tint('p99')}>── p99</Text>
      </Text>
      {text ? <Text>{text}</Text> : <Text color={tint('dim')}>waiting for the first acks…</Text>}
    </Box>
  );
}
