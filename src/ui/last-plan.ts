/**
 * The last plan run of each kind, remembered between launches as small JSON files in the
 * user's config dir ($PUSHTUI_CONFIG_DIR, else $XDG_CONFIG_HOME/pushtui, else
 * ~/.config/pushtui): `last-plan.json` (latency), `last-churn-plan.json`,
 * `last-capacity-plan.json`. The app opens on the kind whose file was written last. A
 * missing file is no news; a corrupt one is ignored with a notice, never a crash.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ResultKind } from '../engine/any-result.js';
import { RESULT_KINDS } from '../engine/any-result.js';
import type { Plan } from '../engine/plan.js';
import { parsePlan } from '../engine/plan.js';
import type { FormValues, Job } from './form-spec.js';
import { FORM_SPECS } from './form-spec.js';
import type { SetupInit } from './setup-state.js';

export const LAST_PLAN_FILE = 'last-plan.json';
export const LAST_PLAN_FILES: Record<ResultKind, string> = { latency: LAST_PLAN_FILE, churn: 'last-churn-plan.json', capacity: 'last-capacity-plan.json' };

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PUSHTUI_CONFIG_DIR) return env.PUSHTUI_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'pushtui');
}

export interface LoadedPlan {
  plan: Plan | undefined;
  notice: string | undefined;
}

interface LoadedValues {
  values: FormValues | undefined;
  notice: string | undefined;
  mtimeMs: number;
}

function loadKind(kind: ResultKind, dir: string): LoadedValues {
  const file = join(dir, LAST_PLAN_FILES[kind]);
  let text: string;
  let mtimeMs = 0;
  try {
    text = readFileSync(file, 'utf8');
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return { values: undefined, notice: undefined, mtimeMs };
  }
  try {
    return { values: { ...FORM_SPECS[kind].job(JSON.parse(text) as FormValues).plan }, notice: undefined, mtimeMs };
  } catch (err) {
    return { values: undefined, notice: `ignored ${file}: ${err instanceof Error ? err.message : String(err)}`, mtimeMs: 0 };
  }
}

/** The latency plan alone (what `pushtui run` users had before the other kinds). */
export function loadLastPlan(dir: string = configDir()): LoadedPlan {
  const { values, notice } = loadKind('latency', dir);
  return { plan: values ? parsePlan(values) : undefined, notice };
}

/** Every kind's last plan, and the kind run last; notices for files that were ignored. */
export function loadLastSetup(dir: string = configDir()): { init: SetupInit; notice: string | undefined } {
  const loaded = RESULT_KINDS.map((kind) => ({ kind, ...loadKind(kind, dir) }));
  const newest = loaded.filter((l) => l.values).sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  const byKind: SetupInit['byKind'] = {};
  for (const l of loaded) if (l.values) byKind[l.kind] = l.values;
  const notices = loaded.flatMap((l) => (l.notice ? [l.notice] : []));
  return { init: { kind: newest?.kind ?? 'latency', byKind }, notice: notices.length ? notices.join('; ') : undefined };
}

/** Writes atomically (temp file + rename); returns a notice instead of throwing when it cannot. */
export function saveLastPlan(plan: Plan | Job, dir: string = configDir()): string | undefined {
  const job: Job = 'kind' in plan && 'plan' in plan ? plan : { kind: 'latency', plan };
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LAST_PLAN_FILES[job.kind]);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(job.plan, null, 2)}\n`);
    renameSync(tmp, file);
    return undefined;
  } catch (err) {
    return `could not remember the plan: ${err instanceof Error ? err.message : String(err)}`;
  }
}
