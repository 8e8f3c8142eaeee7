/**
 * The last plan run, remembered between launches as a small JSON file in the user's
 * config dir ($PUSHTUI_CONFIG_DIR, else $XDG_CONFIG_HOME/pushtui, else ~/.config/pushtui).
 * A missing file is no news; a corrupt one is ignored with a notice, never a crash.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../engine/plan.js';
import { parsePlan } from '../engine/plan.js';

export const LAST_PLAN_FILE = 'last-plan.json';

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PUSHTUI_CONFIG_DIR) return env.PUSHTUI_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'pushtui');
}

export interface LoadedPlan {
  plan: Plan | undefined;
  notice: string | undefined;
}

export function loadLastPlan(dir: string = configDir()): LoadedPlan {
  const file = join(dir, LAST_PLAN_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { plan: undefined, notice: undefined };
  }
  try {
    return { plan: parsePlan(JSON.parse(text)), notice: undefined };
  } catch (err) {
    return { plan: undefined, notice: `ignored ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Writes atomically (temp file + rename); returns a notice instead of throwing when it cannot. */
export function saveLastPlan(plan: Plan, dir: string = configDir()): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LAST_PLAN_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(plan, null, 2)}\n`);
    renameSync(tmp, file);
    return undefined;
  } catch (err) {
    return `could not remember the plan: ${err instanceof Error ? err.message : String(err)}`;
  }
}
