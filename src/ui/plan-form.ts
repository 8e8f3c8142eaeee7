/**
 * The Setup form's model, generated from the plan schema: one row per preset picker and
 * per plan field (PLAN_KEYS + fieldMeta), text <-> value conversion, and validation
 * through parsePlan so that the form shows the schema's own messages.
 */
import type { FieldMeta, Plan, PlanKey, PresetName } from '../engine/plan.js';
import { fieldMeta, parsePlan, PLAN_KEYS, PlanError, PRESETS } from '../engine/plan.js';
import { parseCount, parseDurationMs } from '../cli/flags.js';

/** Field values as the user left them: may be invalid (the schema says why). */
export type FormValues = Record<PlanKey, unknown>;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export type FormRow = { kind: 'preset' } | { kind: 'field'; key: PlanKey; meta: FieldMeta };

export const FORM_ROWS: FormRow[] = [{ kind: 'preset' }, ...PLAN_KEYS.map((key) => ({ kind: 'field' as const, key, meta: fieldMeta(key) }))];

export function presetValues(name: PresetName): FormValues {
  return { ...parsePlan(PRESETS[name]) };
}

/** `30000` -> `30s`; whole seconds and minutes read best. */
export function formatDurationMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The value as editable text (lists comma-separated). */
export function valueText(meta: FieldMeta, value: unknown): string {
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

/** Chips a row offers for space to toggle: choices, common values plus the user's own, or presets. */
export function rowOptions(row: FormRow, values: FormValues): string[] {
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

/** Whether a chip is on. */
export function isChosen(row: FormRow, values: FormValues, option: string): boolean {
  if (row.kind === 'preset') return false;
  const v = values[row.key];
  if (row.meta.kind === 'bool') return v === true;
  if (Array.isArray(v)) return v.map(String).includes(option);
  return String(v) === option;
}

/** Space on a chip: toggles list members, picks an enum, flips a bool. */
export function toggleOption(row: FormRow, values: FormValues, option: string): FormValues {
  if (row.kind === 'preset') return values;
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

export type Validation = { ok: true; plan: Plan } | { ok: false; key: PlanKey | undefined; message: string };

/** parsePlan over the form; the failing field (from the message's `--flag:` prefix) and the message without it. */
export function validateForm(values: FormValues): Validation {
  try {
    return { ok: true, plan: parsePlan(values) };
  } catch (err) {
    const message = err instanceof PlanError ? err.message : String(err);
    const key = PLAN_KEYS.find((k) => message.startsWith(`--${fieldMeta(k).flag}: `));
    return { ok: false, key, message: key ? message.slice(fieldMeta(key).flag.length + 4) : message };
  }
}
