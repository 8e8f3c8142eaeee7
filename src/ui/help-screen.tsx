/**
 * Every key on one screen, from KEY_HELP. When the list is taller than the terminal,
 * ↑↓ / k j / space scroll it; any other key closes it.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { KEY_HELP } from './key-help.js';
import { tint } from './theme.js';
import { useKeys } from './use-keys.js';

type HelpLine = { kind: 'heading' | 'key' | 'gap'; text: string };

export const HELP_LINES: HelpLine[] = KEY_HELP.flatMap((g, i) => [
  ...(i > 0 ? [{ kind: 'gap' as const, text: '' }] : []),
  { kind: 'heading' as const, text: g.screen },
  ...g.keys.map(([k, what]) => ({ kind: 'key' as const, text: `  ${k.padEnd(16)} ${what}` })),
]);

export function HelpScreen({ onClose, height = 1000 }: { onClose: () => void; height?: number }) {
  const size = Math.max(5, height - 3);
  const last = Math.max(0, HELP_LINES.length - size);
  const [top, setTop] = useState(0);
  useKeys((input, key) => {
    if (last > 0 && (key.downArrow || input === 'j' || input === ' ')) setTop((t) => Math.min(last, t + (input === ' ' ? size : 1)));
    else if (last > 0 && (key.upArrow || input === 'k')) setTop((t) => Math.max(0, t - 1));
    else onClose();
  });
  return (
    <Box flexDirection="column">
      <Text bold>pushtui keys</Text>
      {HELP_LINES.slice(top, top + size).map((l, i) =>
        l.kind === 'heading' ? (
          <Text key={i} color={tint('accent')}>{l.text}</Text>
        ) : (
          <Text key={i} wrap="truncate-end">{l.text || ' '}</Text>
        ),
      )}
      <Text color={tint('dim')}>
        {last > 0 ? `↑↓ scroll (${top} above, ${Math.max(0, HELP_LINES.length - top - size)} below)  ` : ''}any other key closes this help
      </Text>
    </Box>
  );
}
