/**
 * Flags for any plan schema whose fields carry FieldMeta (as `run`'s plan does): the
 * command hands its keys, metadata and parser, and gets parsing, validation as one line
 * (UsageError, exit 2) and help lines. `pushtui churn` uses it; `run` keeps parseRunFlags.
 */
import { parseArgs } from 'node:util';
import type { FieldMeta } from '../engine/plan.js';
import { PlanError } from '../engine/plan.js';
import type { ExtraFlag } from './flags.js';
import { convert, UsageError } from './flags.js';

export interface FlagSchema<T> {
  keys: readonly string[];
  meta(key: string): FieldMeta & { defaultText?: string };
  /** Validates the input; throws PlanError with one readable line. */
  parse(input: Record<string, unknown>): T;
}

export interface ParsedFlags<T> {
  plan: T;
  extras: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseSchemaFlags<T>(argv: readonly string[], schema: FlagSchema<T>, extra: readonly ExtraFlag[] = []): ParsedFlags<T> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const key of schema.keys) {
    const meta = schema.meta(key);
    options[meta.flag] = { type: meta.kind === 'bool' ? 'boolean' : 'string' };
  }
  for (const e of extra) options[e.name] = { type: e.type, ...(e.short ? { short: e.short } : {}), ...(e.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError(((err as Error).message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify.*$/, ''));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const input: Record<string, unknown> = {};
  for (const key of schema.keys) {
    const meta = schema.meta(key);
    const raw = values[meta.flag];
    if (raw !== undefined && !Array.isArray(raw)) input[key] = convert(meta, raw);
  }
  let plan: T;
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

/** One help line per field: flag, argument, help and default. */
export function schemaFlagHelp<T>(schema: FlagSchema<T>): string[] {
  const defaults = schema.parse({}) as Record<string, unknown>;
  return schema.keys.map((key) => {
    const meta = schema.meta(key);
    const def = defaults[key];
    const shown = meta.defaultText ?? (Array.isArray(def) ? def.join(',') : String(def));
    const arg = meta.kind === 'bool' ? '' : ` <${meta.choices ? meta.choices.join('|') : meta.kind === 'durationMs' ? 'ms|30s' : meta.kind === 'intList' ? 'n,n,...' : 'value'}>`;
    return `  --${meta.flag}${arg}`.padEnd(44) + `${meta.help} (default ${shown})`;
  });
}
