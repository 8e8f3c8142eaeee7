/** One line under the Results matrix: where the snapshot was written, or why it was not. */
import { Text } from 'ink';
import type { SaveStatus } from './app-state.js';
import { tint } from './theme.js';

export function SaveLine({ save }: { save: SaveStatus }) {
  switch (save.state) {
    case 'idle':
      return null;
    case 'saving':
      return <Text color={tint('dim')}>saving the snapshot…</Text>;
    case 'saved':
      return <Text color={tint('good')}>✓ snapshot saved: {save.path}</Text>;
    case 'failed':
      return <Text color={tint('bad')}>✗ snapshot not saved: {save.error} (s tries again)</Text>;
  }
}
