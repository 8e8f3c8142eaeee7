/**
 * The churn Run screen's state, folded from runChurn's events and the user's keys. Pure:
 * the clock comes in with each action, so the delivered rate (acked per second between
 * successive progress events), progress and ETA are tested without waiting.
 */
import type { CellSpec } from '../../engine/churn/cell-runner.js';
import { formatLostPct } from '../../engine/churn/matrix.js';
import type { ChurnPlan } from '../../engine/churn/plan.js';
import type { ChurnCellResult, ChurnResult } from '../../engine/churn/result.js';
import type { ChurnEvent } from '../../engine/churn/run.js';
import type { Progress } from '../run-state.js';

/** Points kept for the live chart: at 2 progress events a second, two minutes. */
export const RATE_POINTS = 240;

export interface ChurnRunState {
  /** starting: before `start` (services starting); running; ended: the stream is over. */
  phase: 'starting' | 'running' | 'ended';
  cells: CellSpec[];
  /** Finished cells, by index. */
  results: (ChurnCellResult | undefined)[];
  notices: string[];
  /** The current cell; -1 before the first. */
  index: number;
  /** The current cell's pusher counts so far. */
  sent: number;
  acked: number;
  /** The previous progress event of the current cell, for the rate. */
  last: { acked: number; atMs: number } | undefined;
  /** Acked per second between successive progress events of the current cell, oldest first. */
  ratePerSec: number[];
  /** Children and services alive now. */
  pids: number[];
  /** Notifications per client a cell sends (rate x (baseline + churn)), for progress within a cell. */
  sendsPerClient: number;
  startedAtMs: number | undefined;
  nowMs: number;
  confirmQuit: boolean;
  quitting: boolean;
  error: { name: string; message: string } | undefined;
  result: ChurnResult | undefined;
}

export type ChurnRunAction =
  | { type: 'event'; event: ChurnEvent; nowMs: number }
  | { type: 'clock'; nowMs: number }
  | { type: 'ended' }
  | { type: 'ask-quit' }
  | { type: 'cancel-quit' }
  | { type: 'quit' };

export function sendsPerClientOf(plan: Pick<ChurnPlan, 'ratePerClient' | 'baselineMs' | 'durationMs'>): number {
  return (plan.ratePerClient * (plan.baselineMs + plan.durationMs)) / 1000;
}

export function initialChurnRun(init: { nowMs: number; sendsPerClient: number }): ChurnRunState {
  return {
    phase: 'starting', cells: [], results: [], notices: [], index: -1, sent: 0, acked: 0, last: undefined, ratePerSec: [], pids: [],
    sendsPerClient: init.sendsPerClient, startedAtMs: undefined, nowMs: init.nowMs, confirmQuit: false, quitting: false, error: undefined, result: undefined,
  };
}

function onProgress(state: ChurnRunState, e: Extract<ChurnEvent, { type: 'progress' }>, nowMs: number): ChurnRunState {
  const next = { ...state, sent: e.sent, acked: e.acked, last: { acked: e.acked, atMs: nowMs } };
  const prev = state.last;
  if (!prev || nowMs <= prev.atMs) return next;
  const rate = (Math.max(0, e.acked - prev.acked) * 1000) / (nowMs - prev.atMs);
  return { ...next, ratePerSec: [...state.ratePerSec, rate].slice(-RATE_POINTS) };
}

function onEvent(state: ChurnRunState, e: ChurnEvent, nowMs: number): ChurnRunState {
  switch (e.type) {
    case 'start':
      return { ...state, phase: 'running', cells: e.cells, notices: e.notices, startedAtMs: nowMs };
    case 'cell-start':
      return { ...state, index: e.index, sent: 0, acked: 0, last: undefined, ratePerSec: [] };
    case 'progress':
      return e.index === state.index ? onProgress(state, e, nowMs) : state;
    case 'process':
      return { ...state, pids: e.state === 'started' ? [...state.pids.filter((p) => p !== e.pid), e.pid] : state.pids.filter((p) => p !== e.pid) };
    case 'cell-done': {
      const results = [...state.results];
      results[e.index] = e.result;
      return { ...state, results };
    }
    case 'done':
      return { ...state, result: e.result };
    case 'error':
      return { ...state, error: e.error };
  }
}

export function churnRunReducer(state: ChurnRunState, action: ChurnRunAction): ChurnRunState {
  switch (action.type) {
    case 'event':
      return { ...onEvent(state, action.event, action.nowMs), nowMs: action.nowMs };
    case 'clock':
      return { ...state, nowMs: action.nowMs };
    case 'ended':
      return { ...state, phase: 'ended', confirmQuit: false };
    case 'ask-quit':
      return { ...state, confirmQuit: true };
    case 'cancel-quit':
      return { ...state, confirmQuit: false };
    case 'quit':
      return { ...state, confirmQuit: false, quitting: true };
  }
}

/** Progress over cells: finished cells count whole, the current one by sent of what it will send. */
export function churnProgressOf(state: ChurnRunState): Progress {
  const total = state.cells.length;
  const done = state.results.filter(Boolean).length;
  const spec = state.cells[state.index];
  const running = spec && !state.results[state.index] ? Math.min(1, state.sent / Math.max(1, spec.clients * state.sendsPerClient)) : 0;
  const fraction = state.phase === 'ended' ? 1 : total > 0 ? (done + running) / total : 0;
  const elapsedMs = state.startedAtMs === undefined ? 0 : state.nowMs - state.startedAtMs;
  const etaMs = fraction > 0 && fraction < 1 ? (elapsedMs * (1 - fraction)) / fraction : fraction >= 1 ? 0 : undefined;
  return { fraction, elapsedMs, etaMs };
}

export type CellTone = 'good' | 'bad' | 'warn' | 'dim' | 'accent';

/** What the cell list says about cell `i`: waiting, running, done with lost % and duplicates, unavailable or failed with the reason. */
export function cellStateOf(state: ChurnRunState, i: number): { text: string; tone: CellTone } {
  const r = state.results[i];
  if (!r) {
    if (i !== state.index) return { text: 'waiting', tone: 'dim' };
    return state.phase === 'ended' ? { text: 'stopped', tone: 'warn' } : { text: 'running', tone: 'accent' };
  }
  const why = r.error ? `: ${r.error}` : '';
  switch (r.status) {
    case 'ok': {
      const pct = r.counts.sent ? (100 * r.counts.lost) / r.counts.sent : 0;
      return { text: `done  lost ${formatLostPct(pct)}  dup ${r.counts.duplicates}`, tone: r.counts.lostOther ? 'warn' : 'good' };
    }
    case 'unavailable':
      return { text: `unavailable${why}`, tone: 'warn' };
    case 'aborted':
      return { text: `aborted${why}`, tone: 'warn' };
    case 'failed':
      return { text: `failed${why}`, tone: 'bad' };
  }
}
