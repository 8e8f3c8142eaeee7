/** Every key on one screen, from KEY_HELP. Any key closes it. */
import { Box, Text } from 'ink';
import { KEY_HELP } from './key-help.js';
import { tint } from './theme.js';
import { useKeys } from './use-keys.js';

export function HelpScreen({ onClose }: { onClose: () => void }) {
  useKeys(() => onClose());
  return (
    <Box flexDirection="column">
      <Text bold>pushtui keys</Text>
      {KEY_HELP.map((g) => (
        <Box key={g.screen} flexDirection="column" marginTop={1}>
          <Text color={tint('accent')}>{g.screen}</Text>
          {g.keys.map(([k, what]) => (
            <Text key={k} wrap="truncate-end">
              {'  '}
              {k.padEnd(16)} {what}
            </Text>
          ))}
        </Box>
      ))}
      <Text color={tint('dim')}>any key closes this help</Text>
    </Box>
  );
}
