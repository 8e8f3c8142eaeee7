/**
 * Command-line flags, generated from the plan schema's field metadata: a new plan field
 * becomes a flag, with its help line and validation, without touching this file.
 */
import { parseArgs } from 'node:util';
import type { FieldMeta, PlanKey } from '../engine/plan.js';
import { fieldMeta, parsePlan, PLAN_KEYS, PlanError, PRESETS } from '../engine/plan.js';
import type { Plan } from '../engine/plan.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ExtraFlag {
  name: string;
  type: 'string' | 'boolean';
  help: string;
  short?: string;
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
  /** Shown in help, e.g. `FILE`. */
  arg?: string;
}

/** `10`, `1.5k`, `2m` (million) -> integer; undefined if not a number. */
export function parseCount(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) return undefined;
  const mult = { '': 1, k: 1000, m: 1_000_000 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}

/** `500ms`, `30s`, `2m`, or plain milliseconds -> ms. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/i.exec(text.trim());
  if (!m) return undefined;
  const mult = { '': 1, ms: 1, s: 1000, m: 60_000 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}

export function convert(meta: FieldMeta, raw: string | boolean): unknown {
  const flag = `--${meta.flag}`;
  if (typeof raw === 'boolean') return raw;
  const bad = (what: string): never => {
    throw new UsageError(`${flag}: '${raw}' is not ${what}`);
  };
  switch (meta.kind) {
    case 'intList':
      return raw.split(',').filter((s) => s.trim() !== '').map((s) => parseCount(s) ?? bad('a list of numbers like 1,10,100'));
    case 'enumList':
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
    case 'int':
      return parseCount(raw) ?? bad('a number');
    case 'durationMs':
      return parseDurationMs(raw) ?? bad('a duration like 500ms, 30s or 2m');
    case 'enum':
    case 'string':
      return raw;
    case 'bool':
      return raw === 'true' || raw === '1' || raw === 'on' || (raw === 'false' || raw === '0' || raw === 'off' ? false : bad('true or false'));
  }
}

/** What flag parsing needs from a plan schema: its keys, their metadata, validation, presets. */
export interface FlagSchema<P> {
  keys: readonly string[];
  /** `defaultText` replaces the default shown in help (e.g. a range shown as `200ms..2s`). */
  meta(key: string): FieldMeta & { defaultText?: string };
  /** Validates the collected input; throws PlanError with one readable line. */
  parse(input: unknown): P;
  /** Named starting points for `--preset` (no `--preset` flag when absent). */
  presets?: Readonly<Record<string, object>>;
}

/** The `pushtui run` plan schema as flags see it. */
export const RUN_PLAN_FLAGS: FlagSchema<Plan> = {
  keys: PLAN_KEYS,
  meta: (key) => fieldMeta(key as PlanKey),
  parse: parsePlan,
  presets: PRESETS,
};

export interface ParsedFlags<P> {
  plan: P;
  extras: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export type ParsedRunFlags = ParsedFlags<Plan>;

/** Parses `argv` into a validated plan (preset first, then flags) plus the command's extra flags. */
export function parseRunFlags(argv: readonly string[], extra: readonly ExtraFlag[] = []): ParsedRunFlags {
  return parseSchemaFlags(RUN_PLAN_FLAGS, argv, extra);
}

/** Parses `argv` against any plan schema with field metadata (run, capacity, ...). */
export function parseSchemaFlags<P>(schema: FlagSchema<P>, argv: readonly string[], extra: readonly ExtraFlag[] = []): ParsedFlags<P> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = schema.presets ? { preset: { type: 'string' } } : {};
  for (const key of schema.keys) {
    const meta = schema.meta(key);
    options[meta.flag] = { type: meta.kind === 'bool' ? 'boolean' : 'string' };
  }
  for (const e of extra) options[e.name] = { type: e.type, ...(e.short ? { short: e.short } : {}), ...(e.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(((err as Error).message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify.*$/, ''));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const input: Record<string, unknown> = {};
  const preset = values.preset;
  if (schema.presets && typeof preset === 'string') {
    const chosen = Object.hasOwn(schema.presets, preset) ? schema.presets[preset] : undefined;
    if (!chosen) throw new UsageError(`--preset: unknown preset '${preset}' (one of: ${Object.keys(schema.presets).join(', ')})`);
    Object.assign(input, chosen);
  }
  for (const key of schema.keys) {
    const meta = schema.meta(key);
    const raw = values[meta.flag];
    if (raw !== undefined && !Array.isArray(raw)) input[key] = convert(meta, raw);
  }
  let plan: P;
  try {
    plan = schema.parse(input);
  } catch (err) {
    if (err instanceof PlanError) throw new UsageError(err.message);
    throw err;
  }
  const extras: Record<string, string | boolean | string[] | undefined> = {};
  for (const e of extra) extras[e.name] = values[e.name];
  return { plan, extras, positionals: parsed.positionals };
}

/** Help lines for every plan flag, from the schema. */
export function planFlagHelp(): string[] {
  return schemaFlagHelp(RUN_PLAN_FLAGS);
}

/** Help lines for every flag of a plan schema, defaults taken from parsing an empty input. */
export function schemaFlagHelp<P>(schema: FlagSchema<P>): string[] {
  const defaults = schema.parse({}) as Record<string, unknown>;
  return schema.keys.map((key) => {
    const meta = schema.meta(key);
    const def = defaults[key];
    const shown = meta.defaultText ?? (Array.isArray(def) ? def.join(',') : String(def));
    const arg = meta.kind === 'bool' ? '' : ` <${meta.choices ? meta.choices.join('|') : meta.kind === 'durationMs' ? 'ms|30s' : meta.kind === 'intList' ? 'n,n,...' : 'value'}>`;
    return `  --${meta.flag}${arg}`.padEnd(44) + `${meta.help} (default ${shown})`;
  });
}
