/**
 * A plan as a Markdown list, one line per field, named by its flag: what snapshots of churn
 * and capacity runs show under `## Plan`, and what compare says when two plans differ.
 * Works on the plan as saved (a record), so an older or newer snapshot still reads.
 */
import type { FieldMeta } from '../plan.js';
import type { HostInfo } from '../env/sysinfo.js';

/** A plan field as its schema describes it. */
export interface PlanField {
  key: string;
  flag: string;
  kind: FieldMeta['kind'];
  help: string;
}

export function planFields<K extends string>(keys: readonly K[], meta: (key: K) => FieldMeta): PlanField[] {
  return keys.map((key) => {
    const m = meta(key);
    return { key, flag: m.flag, kind: m.kind, help: m.help };
  });
}

/** `1500 ms`, `200 ms..2000 ms`, `1, 10`, `ws`: a saved plan value as a reader wants it. */
export function planValueText(key: string, value: unknown): string {
  const isMs = key.endsWith('Ms');
  const one = (v: unknown): string => (typeof v === 'number' && isMs ? `${v} ms` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  if (Array.isArray(value)) return key === 'offlineMs' && value.length === 2 ? `${one(value[0])}..${one(value[1])}` : value.map(one).join(', ');
  return value === undefined ? '–' : one(value);
}

/** Every field of the schema in its order (then any the schema no longer knows), `- --flag: value — help`. */
export function planListText(plan: Readonly<Record<string, unknown>>, fields: readonly PlanField[]): string {
  const known = new Set(fields.map((f) => f.key));
  const lines = fields.map((f) => `- --${f.flag}: ${planValueText(f.key, plan[f.key])} — ${f.help}`);
  for (const [key, value] of Object.entries(plan)) if (!known.has(key)) lines.push(`- ${key}: ${planValueText(key, value)}`);
  return lines.join('\n');
}

/** Fields (other than `skip`: those that make the cells) whose values differ: `--rate 20 → 50`. */
export function planDifferences(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, fields: readonly PlanField[], skip: readonly string[]): string[] {
  const flagOf = new Map(fields.map((f) => [f.key, `--${f.flag}`]));
  const keys = [...new Set([...fields.map((f) => f.key), ...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k));
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${flagOf.get(k) ?? k} ${planValueText(k, a[k])} → ${planValueText(k, b[k])}`);
}

/** A saved host record as HostInfo, if it looks like one (churn results keep it as a plain record). */
export function asHostInfo(host: Readonly<Record<string, unknown>>): HostInfo | undefined {
  return typeof host.cpuModel === 'string' && typeof host.cores === 'number' ? (host as unknown as HostInfo) : undefined;
}
