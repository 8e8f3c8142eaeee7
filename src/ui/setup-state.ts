/**
 * The Setup screen's state: which kind of test, the form's values for each kind (switching
 * keeps what was typed), which row and chip the cursor is on, and the text being edited.
 * Pure; the screen maps keys to these actions.
 */
import type { ResultKind } from '../engine/any-result.js';
import type { PresetName } from '../engine/plan.js';
import { FORM_SPECS } from './form-spec.js';
import type { FormRow, FormValues } from './plan-form.js';
import { firstFieldRow, formRows, parseFieldText, presetValues, rowOptions, toggleOption, valueText } from './plan-form.js';

export interface SetupState {
  kind: ResultKind;
  /** The chosen kind's values (what the form shows and validates). */
  values: FormValues;
  /** Every kind's values, so that switching kinds loses nothing. */
  byKind: Record<ResultKind, FormValues>;
  row: number;
  /** Chip under the cursor within the row. */
  col: number;
  /** Text being typed into the current row, when editing. */
  editing: string | undefined;
  /** The preset last applied, shown on the preset row. */
  preset: PresetName | undefined;
}

export type SetupAction =
  | { type: 'move'; dy: number }
  | { type: 'move-col'; dx: number }
  | { type: 'toggle' }
  | { type: 'edit-start'; text?: string }
  | { type: 'edit-type'; text: string }
  | { type: 'edit-backspace' }
  | { type: 'edit-commit' }
  | { type: 'edit-cancel' };

export interface SetupInit {
  kind?: ResultKind;
  /** Values per kind; kinds left out start from their schema's defaults. */
  byKind: Partial<Record<ResultKind, FormValues>>;
}

export function isSetupInit(init: FormValues | SetupInit): init is SetupInit {
  return 'byKind' in init && typeof init.byKind === 'object' && init.byKind !== null;
}

/** From the latency values alone (the common case), or from values per kind and the kind to show. */
export function initialSetup(init: FormValues | SetupInit): SetupState {
  const given: SetupInit = isSetupInit(init) ? init : { byKind: { latency: init } };
  const byKind = {
    latency: given.byKind.latency ?? FORM_SPECS.latency.defaults(),
    churn: given.byKind.churn ?? FORM_SPECS.churn.defaults(),
    capacity: given.byKind.capacity ?? FORM_SPECS.capacity.defaults(),
  };
  const kind = given.kind ?? 'latency';
  return { kind, values: byKind[kind], byKind, row: firstFieldRow(kind), col: 0, editing: undefined, preset: undefined };
}

export function currentRows(state: SetupState): FormRow[] {
  return formRows(state.kind);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function withValues(state: SetupState, values: FormValues): SetupState {
  return { ...state, values, byKind: { ...state.byKind, [state.kind]: values } };
}

export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  const rows = currentRows(state);
  const row = rows[state.row];
  if (!row) return state;
  const options = rowOptions(row, state.values);
  switch (action.type) {
    case 'move': {
      const next = clamp(state.row + action.dy, 0, rows.length - 1);
      const nextRow = rows[next];
      const max = nextRow ? rowOptions(nextRow, state.values).length - 1 : 0;
      return { ...state, row: next, col: clamp(state.col, 0, Math.max(0, max)), editing: undefined };
    }
    case 'move-col':
      return { ...state, col: clamp(state.col + action.dx, 0, Math.max(0, options.length - 1)) };
    case 'toggle': {
      const option = options[state.col];
      if (option === undefined) return state;
      if (row.kind === 'test') {
        const kind = option as ResultKind;
        return kind === state.kind ? state : { ...state, kind, values: state.byKind[kind], preset: undefined };
      }
      if (row.kind === 'preset') {
        const name = option as PresetName;
        return { ...withValues(state, presetValues(name)), preset: name };
      }
      const values = toggleOption(row, state.values, option);
      return { ...withValues(state, values), col: clamp(rowOptions(row, values).indexOf(option), 0, Number.MAX_SAFE_INTEGER), preset: undefined };
    }
    case 'edit-start':
      if (row.kind !== 'field') return state;
      return { ...state, editing: action.text ?? valueText(row.meta, state.values[row.key]) };
    case 'edit-type':
      return state.editing === undefined ? state : { ...state, editing: state.editing + action.text };
    case 'edit-backspace':
      return state.editing === undefined ? state : { ...state, editing: state.editing.slice(0, -1) };
    case 'edit-commit': {
      if (state.editing === undefined || row.kind !== 'field') return state;
      const values = { ...state.values, [row.key]: parseFieldText(row.meta, state.editing) };
      return { ...withValues(state, values), editing: undefined, preset: undefined, col: 0 };
    }
    case 'edit-cancel':
      return { ...state, editing: undefined };
  }
}
