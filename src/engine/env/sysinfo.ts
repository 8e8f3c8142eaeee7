/** Facts about the host that make a result comparable: CPU, cores, RAM, OS, Node, library versions. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as os from 'node:os';
import { packageRoot } from '../paths.js';

export interface HostInfo {
  hostname: string;
  cpuModel: string;
  cores: number;
  ramBytes: number;
  os: string;
  node: string;
  pushtui: string;
  libraries: Record<string, string>;
}

const require = createRequire(import.meta.url);

/** The installed version of a dependency, found from its entry point upward. */
export function libraryVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      } catch {
        // keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return 'unknown';
}

export function pushtuiVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function hostInfo(libraries: readonly string[] = ['ws', 'hdr-histogram-js', 'protobufjs']): HostInfo {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pushtui: pushtuiVersion(),
    libraries: Object.fromEntries(libraries.map((l) => [l, libraryVersion(l)])),
  };
}
