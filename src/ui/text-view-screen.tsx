/**
 * A long text (a churn or capacity comparison) in a window of the terminal's size:
 * ↑↓ / jk scroll a line, space / b a page, ←→ / hl sideways, esc / q goes back. Lines
 * wider than the terminal are cut, not wrapped, so tables keep their columns.
 */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { tint } from './theme.js';
import type { Activity } from './use-keys.js';
import { useKeys } from './use-keys.js';

/** Columns one ← / → moves. */
const SIDE_STEP = 20;

export interface TextViewScreenProps {
  title: string;
  text: string;
  width: number;
  height: number;
  active: Activity;
  onHelp: () => void;
  onBack: () => void;
}

export function TextViewScreen({ title, text, width, height, active, onHelp, onBack }: TextViewScreenProps) {
  const lines = useMemo(() => text.replace(/\n+$/, '').split('\n'), [text]);
  const size = Math.max(3, height - 4);
  const maxTop = Math.max(0, lines.length - size);
  const [top, setTop] = useState(0);
  const [left, setLeft] = useState(0);
  const maxLeft = Math.max(0, Math.max(...lines.map((l) => l.length)) - width);
  const scroll = (dy: number) => setTop((t) => Math.max(0, Math.min(maxTop, t + dy)));
  const slide = (dx: number) => setLeft((x) => Math.max(0, Math.min(maxLeft, x + dx)));
  const ready = useKeys(
    (input, key) => {
      if (input === '?') onHelp();
      else if (key.downArrow || input === 'j') scroll(1);
      else if (key.upArrow || input === 'k') scroll(-1);
      else if (input === ' ') scroll(size);
      else if (input === 'b') scroll(-size);
      else if (key.rightArrow || input === 'l') slide(SIDE_STEP);
      else if (key.leftArrow || input === 'h') slide(-SIDE_STEP);
      else if (key.escape || input === 'q') onBack();
    },
    { isActive: active },
  );
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {title}
        <Text color={tint('dim')}>
          {lines.length > size ? `  lines ${top + 1}-${Math.min(lines.length, top + size)} of ${lines.length}` : ''}
          {left > 0 ? `  from column ${left + 1}` : ''}
        </Text>
      </Text>
      {lines.slice(top, top + size).map((line, i) => (
        <Text key={top + i} wrap="truncate-end">
          {line.slice(left) || ' '}
        </Text>
      ))}
      {ready ? <Text color={tint('dim')}>↑↓ scroll  space/b page{maxLeft > 0 ? '  ←→ sideways' : ''}  esc/q back  ? help</Text> : null}
    </Box>
  );
}
