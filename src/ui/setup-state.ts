/**
 * The Setup screen's state: which row and chip the cursor is on, the form's values, and
 * the text being edited. Pure; the screen maps keys to these actions.
 */
import type { PresetName } from '../engine/plan.js';
import type { FormValues } from './plan-form.js';
import { FORM_ROWS, parseFieldText, presetValues, rowOptions, toggleOption, valueText } from './plan-form.js';

export interface SetupState {
  values: FormValues;
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

export function initialSetup(values: FormValues): SetupState {
  return { values, row: 1, col: 0, editing: undefined, preset: undefined };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  const row = FORM_ROWS[state.row];
  if (!row) return state;
  const options = rowOptions(row, state.values);
  switch (action.type) {
    case 'move': {
      const next = clamp(state.row + action.dy, 0, FORM_ROWS.length - 1);
      const nextRow = FORM_ROWS[next];
      const max = nextRow ? rowOptions(nextRow, state.values).length - 1 : 0;
      return { ...state, row: next, col: clamp(state.col, 0, Math.max(0, max)), editing: undefined };
    }
    case 'move-col':
      return { ...state, col: clamp(state.col + action.dx, 0, Math.max(0, options.length - 1)) };
    case 'toggle': {
      const option = options[state.col];
      if (option === undefined) return state;
      if (row.kind === 'preset') {
        const name = option as PresetName;
        return { ...state, values: presetValues(name), preset: name };
      }
      const values = toggleOption(row, state.values, option);
      return { ...state, values, col: clamp(rowOptions(row, values).indexOf(option), 0, Number.MAX_SAFE_INTEGER), preset: undefined };
    }
    case 'edit-start':
      if (row.kind === 'preset') return state;
      return { ...state, editing: action.text ?? valueText(row.meta, state.values[row.key]) };
    case 'edit-type':
      return state.editing === undefined ? state : { ...state, editing: state.editing + action.text };
    case 'edit-backspace':
      return state.editing === undefined ? state : { ...state, editing: state.editing.slice(0, -1) };
    case 'edit-commit': {
      if (state.editing === undefined || row.kind === 'preset') return state;
      const values = { ...state.values, [row.key]: parseFieldText(row.meta, state.editing) };
      return { ...state, values, editing: undefined, preset: undefined, col: 0 };
    }
    case 'edit-cancel':
      return { ...state, editing: undefined };
  }
}

