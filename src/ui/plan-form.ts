/**
 * The Setup form's model, generated from the chosen kind's plan schema (form-spec.ts): a
 * row to pick the kind of test, the preset row (latency only), one row per plan field,
 * text <-> value conversion, and validation through the schema so that the form shows
 * the schema's own messages.
 */
import { parseCount, parseDurationMs } from '../cli/flags.js';
import type { ResultKind } from '../engine/any-result.js';
import { RESULT_KINDS } from '../engine/any-result.js';
import type { FieldMeta, PresetName } from '../engine/plan.js';
import { parsePlan, PlanError, PRESETS } from '../engine/plan.js';
import type { FormValues, Job } from './form-spec.js';
import { FORM_SPECS } from './form-spec.js';

export type { FormValues, Job } from './form-spec.js';

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export type FormRow = { kind: 'test' } | { kind: 'preset' } | { kind: 'field'; key: string; meta: FieldMeta };

function rowsOf(kind: ResultKind): FormRow[] {
  const spec = FORM_SPECS[kind];
  const fields = spec.keys.map((key) => ({ kind: 'field' as const, key, meta: spec.meta(key) }));
  return kind === 'latency' ? [{ kind: 'test' }, { kind: 'preset' }, ...fields] : [{ kind: 'test' }, ...fields];
}

const ROWS: Record<ResultKind, FormRow[]> = { latency: rowsOf('latency'), churn: rowsOf('churn'), capacity: rowsOf('capacity') };

export function formRows(kind: ResultKind): FormRow[] {
  return ROWS[kind];
}

/** The latency form's rows (the default kind). */
export const FORM_ROWS = ROWS.latency;

/** The first field row of a kind: where the cursor starts. */
export function firstFieldRow(kind: ResultKind): number {
  return ROWS[kind].findIndex((r) => r.kind === 'field');
}

export function presetValues(name: PresetName): FormValues {
  return { ...parsePlan(PRESETS[name]) };
}

/** `30000` -> `30s`; whole seconds and minutes read best. */
export function formatDurationMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The value as editable text (lists comma-separated, ranges lo..hi). */
export function valueText(meta: FieldMeta, value: unknown): string {
  if (meta.range && Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    return `${formatDurationMs(value[0] as number)}..${formatDurationMs(value[1] as number)}`;
  }
  if (Array.isArray(value)) return value.map(String).join(',');
  if (meta.kind === 'durationMs' && typeof value === 'number') return formatDurationMs(value);
  if (meta.kind === 'bool') return value ? 'on' : 'off';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : value === undefined ? '' : JSON.stringify(value);
}

/** Text typed by the user -> a value for the schema; what cannot be read stays text, so the schema's message shows. */
export function parseFieldText(meta: FieldMeta, text: string): unknown {
  const t = text.trim();
  switch (meta.kind) {
    case 'intList':
      return t.split(/[\s,]+/).filter(Boolean).map((s) => parseCount(s) ?? s);
    case 'enumList':
      return t.split(/[\s,]+/).filter(Boolean);
    case 'int':
      return parseCount(t) ?? t;
    case 'durationMs':
      return parseDurationMs(t) ?? t;
    case 'bool':
      return ['on', 'true', '1', 'yes'].includes(t.toLowerCase());
    case 'enum':
    case 'string':
      return t;
  }
}

/** Chips a row offers for space to toggle: kinds, choices, common values plus the user's own, or presets. */
export function rowOptions(row: FormRow, values: FormValues): string[] {
  if (row.kind === 'test') return [...RESULT_KINDS];
  if (row.kind === 'preset') return PRESET_NAMES;
  const { meta, key } = row;
  if (meta.kind === 'enumList' || meta.kind === 'enum') return [...(meta.choices ?? [])];
  if (meta.kind === 'bool') return ['on'];
  if (meta.kind !== 'intList') return [];
  const current = Array.isArray(values[key]) ? (values[key] as unknown[]) : [];
  const nums = [...new Set([...(meta.common ?? []), ...current.filter((v): v is number => typeof v === 'number')])].sort((a, b) => a - b);
  const odd = current.filter((v) => typeof v !== 'number').map(String);
  return [...nums.map(String), ...odd];
}

/** Whether a chip is on (the test row's chosen kind is shown by the screen). */
export function isChosen(row: FormRow, values: FormValues, option: string): boolean {
  if (row.kind !== 'field') return false;
  const v = values[row.key];
  if (row.meta.kind === 'bool') return v === true;
  if (Array.isArray(v)) return v.map(String).includes(option);
  return String(v) === option;
}

/** Space on a chip: toggles list members, picks an enum, flips a bool. */
export function toggleOption(row: FormRow, values: FormValues, option: string): FormValues {
  if (row.kind !== 'field') return values;
  const { key, meta } = row;
  const v = values[key];
  switch (meta.kind) {
    case 'bool':
      return { ...values, [key]: v !== true };
    case 'enum':
      return { ...values, [key]: option };
    case 'enumList': {
      const list = Array.isArray(v) ? v.map(String) : [];
      const next = list.includes(option) ? list.filter((x) => x !== option) : [...list, option];
      return { ...values, [key]: (meta.choices ?? []).filter((c) => next.includes(c)).concat(next.filter((x) => !(meta.choices ?? []).includes(x))) };
    }
    case 'intList': {
      const list = Array.isArray(v) ? (v as unknown[]) : [];
      const has = list.some((x) => String(x) === option);
      const value = Number(option);
      const next = has ? list.filter((x) => String(x) !== option) : [...list, Number.isNaN(value) ? option : value];
      return { ...values, [key]: next.sort((a, b) => Number(a) - Number(b)) };
    }
    case 'int':
    case 'durationMs':
    case 'string':
      return values;
  }
}

export type Validation = { ok: true; job: Job } | { ok: false; key: string | undefined; message: string };

/** The kind's schema over the form; the failing field (from the message's `--flag:` prefix) and the message without it. */
export function validateForm(values: FormValues, kind: ResultKind = 'latency'): Validation {
  const spec = FORM_SPECS[kind];
  try {
    return { ok: true, job: spec.job(values) };
  } catch (err) {
    const message = err instanceof PlanError ? err.message : String(err);
    const key = spec.keys.find((k) => message.startsWith(`--${spec.meta(k).flag}: `));
    return { ok: false, key, message: key ? message.slice(spec.meta(key).flag.length + 4) : message };
  }
}
