/**
 * Setup: what to measure (latency, churn or capacity), then every field of that kind's
 * plan schema (presets for latency), and a line saying how many scenarios, cells or runs
 * the plan makes, roughly how long it takes and whether it fits the fd limit. Enter runs
 * the plan only when the schema and the machine accept it.
 */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { FdLimits } from '../engine/env/ulimit.js';
import type { ResultKind } from '../engine/any-result.js';
import { RESULT_KINDS } from '../engine/any-result.js';
import { FORM_SPECS } from './form-spec.js';
import type { FormValues, Job } from './plan-form.js';
import { formRows, validateForm } from './plan-form.js';
import { formatEta } from './plan-summary.js';
import { SetupRow } from './setup-row.js';
import type { SetupInit } from './setup-state.js';
import { currentRows, initialSetup, setupReducer } from './setup-state.js';
import { tint } from './theme.js';
import type { Activity } from './use-keys.js';
import { useKeys } from './use-keys.js';
import { useSyncReducer } from './use-sync-reducer.js';

export interface SetupScreenProps {
  /** The latency plan's values, or values per kind and the kind to show first. */
  initialValues: FormValues | SetupInit;
  notice: string | undefined;
  readFdLimits: () => Promise<FdLimits>;
  /** Enter on a valid plan: the job, and every kind's values as left (Setup comes back with them). */
  onRun: (job: Job, byKind: Record<ResultKind, FormValues>) => void;
  onQuit: () => void;
  onHelp: () => void;
  /** `o`: open the Snapshots screen. */
  onSnapshots: () => void;
  /** Called with the form as left whenever it changes, so Setup comes back as it was after Snapshots or Help. */
  onDraft?: (draft: SetupInit) => void;
  active: Activity;
}

const LABEL_WIDTH = Math.max(...RESULT_KINDS.flatMap((k) => formRows(k)).map((r) => (r.kind === 'field' ? r.meta.flag.length : 6))) + 2;

const TEST_HELP = 'test: space picks latency, churn (clients drop off) or capacity (memory)';

export function SetupScreen({ initialValues, notice, readFdLimits, onRun, onQuit, onHelp, onSnapshots, onDraft, active }: SetupScreenProps) {
  const [state, dispatch, current] = useSyncReducer(setupReducer, initialValues, initialSetup);
  useEffect(() => {
    onDraft?.({ kind: state.kind, byKind: state.byKind });
  }, [state.kind, state.byKind, onDraft]);
  const [limits, setLimits] = useState<FdLimits | undefined>();
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    readFdLimits().then(setLimits, () => setLimits(undefined));
  }, [readFdLimits]);
  const spec = FORM_SPECS[state.kind];
  const rows = currentRows(state);
  const validation = useMemo(() => validateForm(state.values, state.kind), [state.values, state.kind]);
  const summary = useMemo(() => (validation.ok ? spec.summarize(validation.job, limits) : undefined), [validation, limits, spec]);
  const focused = rows[state.row];

  const ready = useKeys(
    (input, key) => {
      setRefused(false);
      const now = current();
      const row = currentRows(now)[now.row];
      const numeric = row?.kind === 'field' && (row.meta.kind === 'int' || row.meta.kind === 'durationMs');
      if (now.editing !== undefined) {
        if (key.return) dispatch({ type: 'edit-commit' });
        else if (key.escape) dispatch({ type: 'edit-cancel' });
        else if (key.backspace) dispatch({ type: 'edit-backspace' });
        else if (input && !key.ctrl) dispatch({ type: 'edit-type', text: input });
        return;
      }
      if (key.upArrow || input === 'k') dispatch({ type: 'move', dy: -1 });
      else if (key.downArrow || input === 'j') dispatch({ type: 'move', dy: 1 });
      else if (key.leftArrow || input === 'h') dispatch({ type: 'move-col', dx: -1 });
      else if (key.rightArrow || input === 'l') dispatch({ type: 'move-col', dx: 1 });
      else if (input === ' ') dispatch({ type: 'toggle' });
      else if (input === 'e') dispatch({ type: 'edit-start' });
      else if (numeric && /^[0-9]$/.test(input)) dispatch({ type: 'edit-start', text: input });
      else if (input === '?') onHelp();
      else if (input === 'o') onSnapshots();
      else if (input === 'q') onQuit();
      else if (key.return) {
        const v = validateForm(now.values, now.kind);
        const blocker = v.ok ? FORM_SPECS[now.kind].summarize(v.job, limits).blocker : undefined;
        if (v.ok && !blocker) onRun(v.job, now.byKind);
        else setRefused(true);
      }
    },
    { isActive: active },
  );

  return (
    <Box flexDirection="column">
      <Text bold>
        pushtui <Text color={tint('dim')}>setup</Text> {state.kind}
      </Text>
      <Text color={tint('dim')} wrap="truncate-end">{spec.blurb}</Text>
      {notice ? <Text color={tint('warn')}>note: {notice}</Text> : null}
      <Box flexDirection="column" marginY={1}>
        {rows.map((row, i) => (
          <SetupRow
            key={row.kind === 'field' ? row.key : row.kind}
            row={row}
            values={state.values}
            focused={i === state.row}
            col={state.col}
            editing={i === state.row ? state.editing : undefined}
            error={!validation.ok && row.kind === 'field' && validation.key === row.key ? validation.message : undefined}
            preset={state.preset}
            testKind={state.kind}
            labelWidth={LABEL_WIDTH}
          />
        ))}
      </Box>
      {validation.ok ? (
        <Text>
          {summary?.scenarios ?? 0} {spec.unit}{summary?.scenarios === 1 ? '' : 's'}, roughly {formatEta(summary?.estimateMs ?? 0)}
          {limits ? '' : ' (reading the open-file limit…)'}
        </Text>
      ) : (
        <Text color={tint('bad')}>✗ {validation.key ? `${validation.key}: ` : ''}{validation.message}: fix it to run</Text>
      )}
      {summary?.blocker ? <Text color={tint('bad')}>✗ cannot run here: {summary.blocker}</Text> : null}
      {summary?.info?.map((n) => (
        <Text key={n} color={tint('dim')} wrap="truncate-end">
          · {n}
        </Text>
      ))}
      {summary?.notices.map((n) => (
        <Text key={n} color={tint('warn')}>
          ! {n}
        </Text>
      ))}
      {refused ? <Text color={tint('bad')}>enter refused: the plan is not valid yet</Text> : null}
      <Text color={tint('dim')}>{focused?.kind === 'field' ? `${focused.meta.flag}: ${focused.meta.help}` : focused?.kind === 'test' ? TEST_HELP : 'preset: space applies the chosen preset (seed = the original study)'}</Text>
      {ready ? <Text color={tint('dim')}>↑↓←→ move  space toggle  e edit  enter run  o snapshots  ? help  q quit</Text> : null}
    </Box>
  );
}
