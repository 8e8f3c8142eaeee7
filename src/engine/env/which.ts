/** Finds a program on PATH or in extra folders (Homebrew's sbin is often not on PATH). */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const HOMEBREW_SBIN = ['/opt/homebrew/sbin', '/usr/local/sbin'];

export function findProgram(name: string, extraDirs: readonly string[] = [], pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...pathEnv.split(delimiter).filter(Boolean), ...extraDirs]) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
