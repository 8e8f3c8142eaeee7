/**
 * A temp dir of this test file's own. The engine puts each broker's config dir (and the
 * like) under `os.tmpdir()`, which reads TMPDIR at every call; pointing TMPDIR at a fresh
 * folder for the file's duration means counting `pushtui-mosquitto-*` there sees only the
 * brokers this file started, never those of tests running at the same time elsewhere on the
 * machine. Test files run in their own processes (vitest's `forks` pool), so nothing else sees it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export function usePrivateTmpdir(): void {
  const saved = process.env.TMPDIR;
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pushtui-test-tmp-'));
    process.env.TMPDIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });
}
