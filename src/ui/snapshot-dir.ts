/** Where the app saves and browses snapshots: $PUSHTUI_SNAPSHOT_DIR (tests use it), else ./snapshots. */
import { DEFAULT_SNAPSHOT_DIR } from '../engine/snapshot.js';

export function snapshotDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUSHTUI_SNAPSHOT_DIR || DEFAULT_SNAPSHOT_DIR;
}
