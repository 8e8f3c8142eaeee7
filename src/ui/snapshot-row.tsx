/**
 * One line of the snapshot list: cursor, mark ([x], or [A]/[B] once two are marked),
 * then when / protocols / plan; a file that did not load shows its one-line error in red.
 *
 *   > [A] 2026-12-04 10:00  ws,mqtt  c 1,10  m 100  1500B  4 scenarios
 *     [ ] 2026-12-03 09:12  ✗ old.md is not a pushtui snapshot
 */
import { Text } from 'ink';
import type { SnapshotEntry } from '../engine/snapshot.js';
import { fit } from './table-layout.js';
import { snapshotLine } from './snapshot-line.js';
import { tint } from './theme.js';

export function SnapshotRow({ entry, selected, mark, width }: { entry: SnapshotEntry; selected: boolean; mark: string; width: number }) {
  const line = `${selected ? '>' : ' '} [${mark || ' '}] ${snapshotLine(entry)}`;
  return (
    <Text bold={selected} inverse={selected} color={tint(entry.result ? undefined : 'bad')}>
      {fit(line, width)}
    </Text>
  );
}
