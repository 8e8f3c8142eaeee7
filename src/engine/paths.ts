/** Where pushtui's own files are, whether running from dist/ or from src/ under vitest. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The package root: the nearest folder above this module that holds package.json. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pushtui: cannot find its package.json');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export function protoPath(): string {
  return join(packageRoot(), 'proto', 'pushtui.proto');
}

/** The compiled child entry point. Children always run compiled JS, also under tests. */
export function childEntry(): string {
  return join(packageRoot(), 'dist', 'engine', 'child', 'main.js');
}

/** The compiled watchdog for non-Node children (see child/reaper.ts). */
export function reaperEntry(): string {
  return join(packageRoot(), 'dist', 'engine', 'child', 'reaper.js');
}
