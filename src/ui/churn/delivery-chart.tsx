/**
 * The current cell's delivered (acked) notifications per second, from successive progress
 * events: flat while nobody drops, dipping when clients drop off, back when they return.
 */
import { Box, Text } from 'ink';
import { formatCount } from '../../engine/report/format.js';
import { chartText } from '../live-chart.js';
import { colorsEnabled, tint } from '../theme.js';

export function formatRate(perSec: number): string {
  return `${formatCount(perSec)}/s`;
}

export function DeliveryChart({ ratePerSec, width, height }: { ratePerSec: readonly number[]; width: number; height: number }) {
  const text = ratePerSec.length ? chartText([[...ratePerSec]], width, height, colorsEnabled(), formatRate) : '';
  return (
    <Box flexDirection="column">
      <Text>
        delivered (acked) per second, this cell: <Text color={tint('p50')}>── now {ratePerSec.length ? formatRate(ratePerSec[ratePerSec.length - 1] ?? 0) : '–'}</Text>
      </Text>
      {text ? <Text>{text}</Text> : <Text color={tint('dim')}>waiting for the first acks…</Text>}
    </Box>
  );
}
