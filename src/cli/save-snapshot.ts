/**
 * `--markdown FILE` and `--snapshot-dir DIR` for every command that produces a result
 * (run, churn, capacity): the same flags, the same help, the same stderr line, one save.
 */
import type { AnyResult } from '../engine/any-result.js';
import { saveSnapshot, saveSnapshotAs } from '../engine/snapshot.js';
import type { ExtraFlag } from './flags.js';

export const SNAPSHOT_FLAGS: readonly ExtraFlag[] = [
  { name: 'markdown', type: 'string', arg: 'FILE', help: 'also save the snapshot to FILE (never overwrites)' },
  { name: 'snapshot-dir', type: 'string', arg: 'DIR', help: 'also save the snapshot as DIR/pushtui-YYYYMMDD-HHMMSS.md' },
];

export type Extras = Readonly<Record<string, string | boolean | string[] | undefined>>;

/**
 * Saves the result where --markdown / --snapshot-dir ask, saying where on stderr. A failed
 * save is one line on stderr and returns 1 (the report is already printed); else 0.
 */
export async function saveRequestedSnapshots(result: AnyResult, extras: Extras): Promise<number> {
  let code = 0;
  const save = async (what: () => Promise<string>): Promise<void> => {
    try {
      process.stderr.write(`pushtui: snapshot saved to ${await what()}\n`);
    } catch (err) {
      process.stderr.write(`pushtui: ${(err as Error).message}\n`);
      code = 1;
    }
  };
  const file = extras.markdown;
  const dir = extras['snapshot-dir'];
  if (typeof file === 'string') await save(() => saveSnapshotAs(result, file));
  if (typeof dir === 'string') await save(() => saveSnapshot(result, dir));
  return code;
}
