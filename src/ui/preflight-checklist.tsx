/**
 * The checks made before the first scenario, with their outcomes:
 *
 *   ✓ open-file limit  1024 soft / 1048576 hard: enough for the plan
 *   ✓ ports            enough ephemeral ports for the largest client count
 *   ! broker           embedded aedes broker (install mosquitto for ...)
 */
import { Box, Text } from 'ink';
import type { Check } from './run-state.js';
import { tint } from './theme.js';

const MARK: Record<Check['status'], string> = { pending: '…', ok: '✓', warn: '!', fail: '✗' };
const TONE = { pending: 'dim', ok: 'good', warn: 'warn', fail: 'bad' } as const;

export function PreflightChecklist({ checks }: { checks: readonly Check[] }) {
  return (
    <Box flexDirection="column">
      {checks.map((c) => (
        <Text key={c.name} wrap="truncate-end">
          <Text color={tint(TONE[c.status])}>{MARK[c.status]}</Text> {c.name.padEnd(16)} {c.detail}
        </Text>
      ))}
    </Box>
  );
}
