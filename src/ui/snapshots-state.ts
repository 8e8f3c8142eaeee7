/**
 * The Snapshots screen's state: the list (newest first), the cursor, up to two marked
 * snapshots, which view is up (list, one snapshot's results, a comparison), and a pending
 * delete question. Pure.
 */
import type { AnyResult } from '../engine/any-result.js';
import { resultKind } from '../engine/any-result.js';
import type { RunResult } from '../engine/run.js';
import type { SnapshotEntry } from '../engine/snapshot.js';

/** A snapshot that loaded: it can be opened and compared (with one of its own kind). */
export type LoadedEntry = SnapshotEntry & { result: AnyResult };
/** A latency snapshot: the matrix comparison takes two of these. */
export type LatencyEntry = SnapshotEntry & { result: RunResult };

export type SnapshotsView = { name: 'list' } | { name: 'open'; entry: LoadedEntry } | { name: 'compare'; a: LoadedEntry; b: LoadedEntry };

export interface SnapshotsMessage {
  text: string;
  tone: 'good' | 'warn' | 'bad';
}

export interface SnapshotsState {
  /** undefined while the directory is being read. */
  entries: SnapshotEntry[] | undefined;
  cursor: number;
  /** Paths of the marked snapshots, at most two. */
  marked: string[];
  view: SnapshotsView;
  /** The path `d` asked about; y deletes it. */
  confirmDelete: string | undefined;
  message: SnapshotsMessage | undefined;
}

export type SnapshotsAction =
  | { type: 'loaded'; entries: SnapshotEntry[]; error?: string }
  | { type: 'move'; dy: number }
  | { type: 'toggle-mark' }
  | { type: 'open' }
  | { type: 'compare' }
  | { type: 'close' }
  | { type: 'ask-delete' }
  | { type: 'cancel-delete' }
  | { type: 'deleted'; path: string }
  | { type: 'delete-failed'; path: string; error: string };

export const INITIAL_SNAPSHOTS: SnapshotsState = { entries: undefined, cursor: 0, marked: [], view: { name: 'list' }, confirmDelete: undefined, message: undefined };

export const MAX_MARKED = 2;

export function isLoaded(e: SnapshotEntry | undefined): e is LoadedEntry {
  return e?.result !== undefined;
}

/** When the run was made (its start), else when the file was written. */
export function entryTimeMs(e: SnapshotEntry): number {
  const started = e.result ? Date.parse(e.result.startedAt) : NaN;
  return Number.isNaN(started) ? e.mtimeMs : started;
}

/** Newest first; ties by file name, newest name first. */
export function newestFirst(entries: readonly SnapshotEntry[]): SnapshotEntry[] {
  return [...entries].sort((a, b) => entryTimeMs(b) - entryTimeMs(a) || b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name));
}

/** The two marked snapshots as [A, B]: A the older, B the newer. */
export function comparePair(state: SnapshotsState): [LoadedEntry, LoadedEntry] | undefined {
  const picked = state.marked.map((p) => state.entries?.find((e) => e.path === p)).filter(isLoaded);
  const [x, y] = picked;
  if (picked.length !== 2 || !x || !y) return undefined;
  return entryTimeMs(x) < entryTimeMs(y) || (entryTimeMs(x) === entryTimeMs(y) && x.name < y.name) ? [x, y] : [y, x];
}

export function selectedEntry(state: SnapshotsState): SnapshotEntry | undefined {
  return state.entries?.[state.cursor];
}

function note(state: SnapshotsState, text: string, tone: SnapshotsMessage['tone'] = 'warn'): SnapshotsState {
  return { ...state, message: { text, tone } };
}

export function snapshotsReducer(state: SnapshotsState, action: SnapshotsAction): SnapshotsState {
  const entry = selectedEntry(state);
  const quiet = { ...state, message: undefined };
  switch (action.type) {
    case 'loaded': {
      const entries = newestFirst(action.entries);
      const paths = new Set(entries.map((e) => e.path));
      const message = action.error ? { text: `cannot list snapshots: ${action.error}`, tone: 'bad' as const } : state.message;
      return { ...state, entries, message, cursor: Math.max(0, Math.min(state.cursor, entries.length - 1)), marked: state.marked.filter((p) => paths.has(p)) };
    }
    case 'move': {
      const last = (state.entries?.length ?? 0) - 1;
      return { ...quiet, cursor: Math.max(0, Math.min(last, state.cursor + action.dy)) };
    }
    case 'toggle-mark':
      if (!entry) return state;
      if (state.marked.includes(entry.path)) return { ...quiet, marked: state.marked.filter((p) => p !== entry.path) };
      if (!isLoaded(entry)) return note(state, `cannot mark ${entry.name}: ${entry.error ?? 'it did not load'}`, 'bad');
      if (state.marked.length >= MAX_MARKED) return note(state, 'two are marked already: space on a marked one unmarks it');
      return { ...quiet, marked: [...state.marked, entry.path] };
    case 'open':
      if (!entry) return state;
      return isLoaded(entry) ? { ...quiet, view: { name: 'open', entry } } : note(state, `cannot open: ${entry.error ?? entry.name}`, 'bad');
    case 'compare': {
      const pair = comparePair(state);
      if (!pair) return note(state, 'mark two snapshots with space, then c compares them');
      const [ka, kb] = [resultKind(pair[0].result), resultKind(pair[1].result)];
      if (ka !== kb) return note(state, `cannot compare a ${ka} snapshot with a ${kb} snapshot: mark two of the same kind`, 'bad');
      return { ...quiet, view: { name: 'compare', a: pair[0], b: pair[1] } };
    }
    case 'close':
      return { ...state, view: { name: 'list' } };
    case 'ask-delete':
      return entry ? { ...quiet, confirmDelete: entry.path } : state;
    case 'cancel-delete':
      return { ...state, confirmDelete: undefined };
    case 'deleted': {
      const entries = (state.entries ?? []).filter((e) => e.path !== action.path);
      const name = state.entries?.find((e) => e.path === action.path)?.name ?? action.path;
      return {
        ...state, entries, confirmDelete: undefined, cursor: Math.max(0, Math.min(state.cursor, entries.length - 1)),
        marked: state.marked.filter((p) => p !== action.path), message: { text: `deleted ${name}`, tone: 'good' },
      };
    }
    case 'delete-failed':
      return { ...state, confirmDelete: undefined, message: { text: `could not delete: ${action.error}`, tone: 'bad' } };
  }
}
