/**
 * Snapshot files: saved atomically (temp file, then a no-clobber hard link, so a kill
 * mid-save leaves no half file and nothing is ever overwritten), loaded with one clear
 * error per way a file can be wrong, listed for browsing.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AnyResult } from './any-result.js';
import { resultKind } from './any-result.js';
import { CapacityResultSchema } from './capacity/result.js';
import type { CapacityResult } from './capacity/result.js';
import { ChurnResultSchema } from './churn/result.js';
import type { RunResult } from './run.js';
import { RAW_HEADING, SNAPSHOT_MARKER, SNAPSHOT_SCHEMA_VERSION } from './report/markdown.js';
import { anySnapshotMarkdown } from './report/snapshot-any.js';
import { RunResultSchema } from './result-schema.js';

export const DEFAULT_SNAPSHOT_DIR = 'snapshots';

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** `pushtui-YYYYMMDD-HHMMSS.md` in local time. */
export function snapshotName(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `pushtui-${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}.md`;
}

/** Writes `text` to `path` atomically; fails with EEXIST instead of overwriting. */
export async function writeNew(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, path);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Saves into `dir` under a fresh name (a `-2`, `-3`… suffix if the second is taken). Returns the path. */
export async function saveSnapshot(result: AnyResult, dir = DEFAULT_SNAPSHOT_DIR, now = new Date()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const text = anySnapshotMarkdown(result);
  const base = snapshotName(now).replace(/\.md$/, '');
  for (let n = 1; n < 100; n++) {
    const path = join(dir, n === 1 ? `${base}.md` : `${base}-${n}.md`);
    try {
      await writeNew(path, text);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new SnapshotError(`cannot find a free snapshot name in ${dir}`);
}

/** Saves to exactly `path`; refuses to overwrite an existing file. */
export async function saveSnapshotAs(result: AnyResult, path: string): Promise<string> {
  try {
    await writeNew(path, anySnapshotMarkdown(result));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new SnapshotError(`${path} exists; pushtui never overwrites a snapshot`);
    throw new SnapshotError(`cannot write ${path}: ${(err as Error).message}`);
  }
  return path;
}

/** Parses snapshot text of any kind (latency, churn, capacity); every way it can be wrong is one SnapshotError line. */
export function parseAnySnapshot(text: string, name = 'file'): AnyResult {
  if (!text.startsWith(SNAPSHOT_MARKER)) throw new SnapshotError(`${name} is not a pushtui snapshot`);
  const at = text.lastIndexOf(RAW_HEADING);
  const open = at < 0 ? -1 : text.indexOf('```json\n', at);
  const close = open < 0 ? -1 : text.indexOf('\n```', open + 8);
  if (close < 0) throw new SnapshotError(`${name} is truncated: its raw results block is missing or unfinished`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(open + 8, close));
  } catch {
    throw new SnapshotError(`${name} is damaged: its raw results are not valid JSON`);
  }
  const env = raw as { format?: unknown; schemaVersion?: unknown; result?: unknown };
  if (env.format !== 'pushtui-snapshot') throw new SnapshotError(`${name} is not a pushtui snapshot (unknown raw format)`);
  if (typeof env.schemaVersion !== 'number') throw new SnapshotError(`${name} has no schema version`);
  if (env.schemaVersion > SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotError(`${name} was written by a newer pushtui (schema ${env.schemaVersion}; this one reads ${SNAPSHOT_SCHEMA_VERSION}): upgrade pushtui`);
  }
  const kind = (env.result as { kind?: unknown } | null)?.kind;
  const parsed =
    kind === 'churn' ? ChurnResultSchema.safeParse(env.result)
    : kind === 'capacity' ? CapacityResultSchema.safeParse(env.result)
    : kind === undefined ? RunResultSchema.safeParse(env.result)
    : undefined;
  if (!parsed) throw new SnapshotError(`${name} holds an unknown kind of result '${String(kind)}' (this pushtui reads latency, churn and capacity)`);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(`${name} does not validate: ${issue?.path.join('.') || 'result'}: ${issue?.message ?? 'invalid'}`);
  }
  return kind === 'capacity' ? (parsed.data as unknown as CapacityResult) : (parsed.data as AnyResult);
}

/** Parses a latency (`pushtui run`) snapshot; a churn or capacity one is a clear error. */
export function parseSnapshot(text: string, name = 'file'): RunResult {
  const r = parseAnySnapshot(text, name);
  const kind = resultKind(r);
  if (kind !== 'latency') throw new SnapshotError(`${name} is a ${kind} snapshot, not a latency run`);
  return r as RunResult;
}

async function readSnapshotText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new SnapshotError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export async function loadAnySnapshot(path: string): Promise<AnyResult> {
  return parseAnySnapshot(await readSnapshotText(path), basename(path));
}

export async function loadSnapshot(path: string): Promise<RunResult> {
  return parseSnapshot(await readSnapshotText(path), basename(path));
}

export interface SnapshotEntry {
  path: string;
  name: string;
  mtimeMs: number;
  result?: AnyResult;
  error?: string;
}

/** Every `.md` in `dir`, newest first; bad files carry their error and do not stop the list. */
export async function listSnapshots(dir = DEFAULT_SNAPSHOT_DIR): Promise<SnapshotEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md'));
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names.map(async (name): Promise<SnapshotEntry> => {
      const path = join(dir, name);
      const mtimeMs = (await stat(path).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
      try {
        return { path, name, mtimeMs, result: await loadAnySnapshot(path) };
      } catch (err) {
        return { path, name, mtimeMs, error: (err as Error).message };
      }
    }),
  );
  return entries.sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name));
}

/** Deletes a snapshot file (the UI asks first). */
export async function deleteSnapshot(path: string): Promise<void> {
  await unlink(path);
}
