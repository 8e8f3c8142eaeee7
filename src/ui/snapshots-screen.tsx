/**
 * Snapshots: the saved runs in the snapshot directory, newest first. enter opens one in
 * the Results view, space marks two and c compares them (A the older), d deletes after a
 * y / n question. Files that do not load are listed with their error; the rest still work.
 *
 *   pushtui snapshots  3 in ./snapshots
 *   > [x] 2026-12-04 10:00  ws,mqtt  c 1,10  m 100  1500B  4 scenarios
 *     [ ] 2026-12-03 09:12  ✗ old.md is not a pushtui snapshot
 */
import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { resultKind } from '../engine/any-result.js';
import { compareAnyText } from '../engine/report/compare-any.js';
import type { SnapshotEntry } from '../engine/snapshot.js';
import { AnyResultsScreen } from './any-results-screen.js';
import { oneLine } from './app-state.js';
import { CompareScreen } from './compare-screen.js';
import { SnapshotRow } from './snapshot-row.js';
import type { LatencyEntry, LoadedEntry } from './snapshots-state.js';
import { comparePair, INITIAL_SNAPSHOTS, selectedEntry, snapshotsReducer } from './snapshots-state.js';
import { TextViewScreen } from './text-view-screen.js';
import { tint } from './theme.js';
import type { Activity } from './use-keys.js';
import { activeNow, useKeys } from './use-keys.js';
import { useSyncReducer } from './use-sync-reducer.js';

export interface SnapshotsScreenProps {
  /** Where snapshots are read from, as shown to the user. */
  dir: string;
  list: () => Promise<SnapshotEntry[]>;
  remove: (path: string) => Promise<void>;
  width: number;
  /** Terminal rows: the list scrolls within them. */
  height: number;
  active: Activity;
  onHelp: () => void;
  onBack: () => void;
}

function isLatency(e: LoadedEntry): e is LatencyEntry {
  return resultKind(e.result) === 'latency';
}

/** The engine's comparison of two churn or two capacity snapshots; its error as the text otherwise. */
function compareText(a: LoadedEntry, b: LoadedEntry): string {
  try {
    return compareAnyText(a.result, b.result, [a.name, b.name]);
  } catch (err) {
    return `✗ ${oneLine(err)}`;
  }
}

/** [start, end) of a list of `count` lines, `size` at a time, keeping `cursor` in view. */
export function listWindow(count: number, size: number, cursor: number): [number, number] {
  const start = Math.max(0, Math.min(cursor - Math.floor(size / 2), count - size));
  return [start, Math.min(count, start + size)];
}

export function SnapshotsScreen({ dir, list, remove, width, height, active, onHelp, onBack }: SnapshotsScreenProps) {
  const [state, dispatch, current] = useSyncReducer(snapshotsReducer, INITIAL_SNAPSHOTS, (s) => s);
  useEffect(() => {
    list().then(
      (entries) => dispatch({ type: 'loaded', entries }),
      (err: unknown) => dispatch({ type: 'loaded', entries: [], error: oneLine(err) }),
    );
  }, [list, dispatch]);

  const ready = useKeys(
    (input, key) => {
      const now = current();
      if (now.confirmDelete) {
        const path = now.confirmDelete;
        dispatch({ type: 'cancel-delete' });
        if (input === 'y') {
          remove(path).then(
            () => dispatch({ type: 'deleted', path }),
            (err: unknown) => dispatch({ type: 'delete-failed', path, error: oneLine(err) }),
          );
        }
        return;
      }
      if (input === '?') onHelp();
      else if (key.upArrow || input === 'k') dispatch({ type: 'move', dy: -1 });
      else if (key.downArrow || input === 'j') dispatch({ type: 'move', dy: 1 });
      else if (input === ' ') dispatch({ type: 'toggle-mark' });
      else if (key.return) dispatch({ type: 'open' });
      else if (input === 'c') dispatch({ type: 'compare' });
      else if (input === 'd') dispatch({ type: 'ask-delete' });
      else if (key.escape || input === 'q') onBack();
    },
    { isActive: () => activeNow(active) && current().view.name === 'list' },
  );

  const { view } = state;
  const close = () => dispatch({ type: 'close' });
  const sub = () => activeNow(active) && current().view.name !== 'list';
  if (view.name === 'open') {
    return <AnyResultsScreen result={view.entry.result} source={view.entry.name} width={width} active={sub} onHelp={onHelp} onBack={close} />;
  }
  if (view.name === 'compare') {
    if (isLatency(view.a) && isLatency(view.b)) return <CompareScreen a={view.a} b={view.b} width={width} active={sub} onHelp={onHelp} onBack={close} />;
    const title = `pushtui compare ${resultKind(view.a.result)}: B ${view.b.name} against A ${view.a.name}`;
    return <TextViewScreen title={title} text={compareText(view.a, view.b)} width={width} height={height} active={sub} onHelp={onHelp} onBack={close} />;
  }

  const entries = state.entries ?? [];
  const pair = comparePair(state);
  const markOf = (e: SnapshotEntry): string => (pair ? (e.path === pair[0].path ? 'A' : e.path === pair[1].path ? 'B' : '') : state.marked.includes(e.path) ? 'x' : '');
  const [start, end] = listWindow(entries.length, Math.max(3, height - 9), state.cursor);
  const selected = selectedEntry(state);
  const bad = entries.filter((e) => !e.result).length;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        pushtui <Text color={tint('dim')}>snapshots</Text> {state.entries ? `${entries.length} in ${dir}` : `reading ${dir}…`}
        {bad ? <Text color={tint('bad')}> ({bad} did not load)</Text> : null}
      </Text>
      <Box flexDirection="column" marginY={1}>
        {start > 0 ? <Text color={tint('dim')}>  ↑ {start} more</Text> : null}
        {entries.slice(start, end).map((e, i) => (
          <SnapshotRow key={e.path} entry={e} selected={start + i === state.cursor} mark={markOf(e)} width={width} />
        ))}
        {end < entries.length ? <Text color={tint('dim')}>  ↓ {entries.length - end} more</Text> : null}
        {state.entries && entries.length === 0 ? <Text>no snapshots in {dir} yet: s on the Results screen saves one</Text> : null}
      </Box>
      {selected ? <Text color={tint('dim')} wrap="truncate-end">file: {selected.path}</Text> : null}
      {pair ? <Text wrap="truncate-end">c compares B {pair[1].name} against A {pair[0].name}</Text> : null}
      {state.confirmDelete ? <Text color={tint('bad')} bold wrap="truncate-end">Delete {selected?.name}? y / n</Text> : null}
      {state.message ? <Text color={tint(state.message.tone)} wrap="truncate-end">{state.message.text}</Text> : null}
      {ready ? <Text color={tint('dim')}>↑↓ move  enter open  space mark  c compare  d delete  esc/q back  ? help</Text> : null}
    </Box>
  );
}
