/**
 * ink hands a chunk of several typed characters to useInput as one string (`"je10\r"`
 * from a fast typist, a paste or a script). Screens want one key at a time: this splits
 * plain-text chunks into single keys, enter included, and leaves special keys alone.
 */
import type { Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

export function eachKey(handler: KeyHandler): KeyHandler {
  return (input, key) => {
    if ([...input].length <= 1 || key.ctrl || key.meta || key.escape) {
      handler(input, key);
      return;
    }
    for (const ch of input) {
      const enter = ch === '\r' || ch === '\n';
      handler(enter ? '' : ch, { ...key, return: enter });
    }
  };
}
