/**
 * The capacity Run screen's state, folded from runCapacity's callbacks (progress lines,
 * memory samples, finished runs, the result) and the user's keys. Pure.
 */
import { decimateCurve } from '../../engine/capacity/curve.js';
import type { CapacityPlan } from '../../engine/capacity/plan.js';
import type { CapacityResult, CapacityRun } from '../../engine/capacity/result.js';
import type { CapacitySample } from '../../engine/capacity/run.js';
import type { ProtocolName } from '../../engine/protocols/names.js';
import type { CurvePoint } from './memory-curve.js';

/** Progress lines kept on screen. */
export const KEPT_LINES = 4;
/** Live curve points kept before halving them (the engine samples every ~250 ms). */
export const LIVE_POINTS = 400;

export interface CapacityRunState {
  phase: 'running' | 'ended';
  /** Every measurement of the plan, in the engine's order: protocols × connections. */
  order: { protocol: ProtocolName; target: number }[];
  runs: CapacityRun[];
  /** The latest sample, and the baseline sample of the measurement it belongs to. */
  sample: CapacitySample | undefined;
  baseline: CapacitySample | undefined;
  /** The current measurement's curve so far (baseline, connecting, settling). */
  live: CurvePoint[];
  /** Connections per second over the connecting phase so far. */
  connectRatePerSec: number | undefined;
  lines: string[];
  confirmQuit: boolean;
  quitting: boolean;
  error: string | undefined;
  result: CapacityResult | undefined;
}

export type CapacityRunAction =
  | { type: 'progress'; line: string }
  | { type: 'sample'; sample: CapacitySample }
  | { type: 'run'; run: CapacityRun }
  | { type: 'done'; result: CapacityResult }
  | { type: 'failed'; message: string }
  | { type: 'ask-quit' }
  | { type: 'cancel-quit' }
  | { type: 'quit' };

export function initialCapacityRun(plan: CapacityPlan): CapacityRunState {
  return {
    phase: 'running', order: plan.protocols.flatMap((protocol) => plan.connections.map((target) => ({ protocol, target }))), runs: [],
    sample: undefined, baseline: undefined, live: [], connectRatePerSec: undefined, lines: [], confirmQuit: false, quitting: false, error: undefined, result: undefined,
  };
}

function withSample(s: CapacityRunState, sample: CapacitySample): CapacityRunState {
  const point = { open: sample.open, serverRssBytes: sample.serverRssBytes, clientRssBytes: sample.clientRssBytes };
  if (sample.phase === 'baseline') return { ...s, sample, baseline: sample, live: [point], connectRatePerSec: undefined };
  const live = sample.phase === 'holding' ? s.live : [...s.live, point];
  const rate = sample.phase === 'connecting' && sample.elapsedMs > 0 ? (sample.open / sample.elapsedMs) * 1000 : s.connectRatePerSec;
  return { ...s, sample, live: live.length > LIVE_POINTS ? decimateCurve(live, LIVE_POINTS / 2) : live, connectRatePerSec: rate };
}

export function capacityRunReducer(s: CapacityRunState, a: CapacityRunAction): CapacityRunState {
  switch (a.type) {
    case 'progress':
      return { ...s, lines: [...s.lines, a.line].slice(-KEPT_LINES) };
    case 'sample':
      return s.phase === 'ended' ? s : withSample(s, a.sample);
    case 'run':
      return { ...s, runs: [...s.runs, a.run] };
    case 'done':
      return { ...s, phase: 'ended', result: a.result, confirmQuit: false };
    case 'failed':
      return { ...s, phase: 'ended', error: a.message, confirmQuit: false };
    case 'ask-quit':
      return s.phase === 'ended' || s.quitting ? s : { ...s, confirmQuit: true };
    case 'cancel-quit':
      return { ...s, confirmQuit: false };
    case 'quit':
      return { ...s, confirmQuit: false, quitting: true };
  }
}

/** The measurement running now (the one after the finished ones), 0-based, or undefined when all are done. */
export function currentIndex(s: CapacityRunState): number | undefined {
  return s.phase === 'running' && s.runs.length < s.order.length ? s.runs.length : undefined;
}

/** Memory per connection so far in the current measurement, KiB (undefined before any is open). */
export function liveKbPerConnection(s: CapacityRunState): { serverKb: number; clientKb: number } | undefined {
  const { sample, baseline } = s;
  if (!sample || !baseline || sample.open <= 0 || sample.phase === 'baseline') return undefined;
  return {
    serverKb: (sample.serverRssBytes - baseline.serverRssBytes) / sample.open / 1024,
    clientKb: (sample.clientRssBytes - baseline.clientRssBytes) / sample.open / 1024,
  };
}
