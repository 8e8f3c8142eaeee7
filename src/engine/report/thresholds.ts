/**
 * CI thresholds, k6-style but stated as the failing condition: `--fail-if "ws.p99 > 5ms"`.
 * Form: `<protocol or *>.<metric> <op> <value>[unit]`. A run breaks a threshold when the
 * condition holds for any scenario of that protocol.
 */
import type { ScenarioResult } from '../results.js';
import { formatUs } from './format.js';

type Op = '>' | '>=' | '<' | '<=';

interface MetricDef {
  kind: 'us' | 'count';
  value(r: ScenarioResult): number;
}

const us = (pick: (r: ScenarioResult) => number): MetricDef => ({ kind: 'us', value: pick });

export const THRESHOLD_METRICS: Record<string, MetricDef> = {
  p50: us((r) => r.latency.rttUs.p50Us),
  p90: us((r) => r.latency.rttUs.p90Us),
  p99: us((r) => r.latency.rttUs.p99Us),
  p999: us((r) => r.latency.rttUs.p999Us),
  max: us((r) => r.latency.rttUs.maxUs),
  mean: us((r) => r.latency.rttUs.meanUs),
  oneway_p50: us((r) => r.latency.oneWayUs.p50Us),
  oneway_p99: us((r) => r.latency.oneWayUs.p99Us),
  connect_p99: us((r) => r.latency.connectUs.p99Us),
  cycle: us((r) => r.cycleMs.mean * 1000),
  msgs: { kind: 'count', value: (r) => r.msgsPerSec.mean },
  failures: { kind: 'count', value: (r) => r.failures },
};

export interface Threshold {
  text: string;
  protocol: string;
  metric: string;
  op: Op;
  /** Microseconds for latency metrics, plain for counts. */
  value: number;
}

export class ThresholdError extends Error {
  override name = 'ThresholdError';
}

const UNIT_US: Record<string, number> = { '': 1, us: 1, 'µs': 1, ms: 1000, s: 1_000_000 };

export function parseThreshold(text: string): Threshold {
  const m = /^\s*([a-z*]+)\.([a-z0-9_]+)\s*(>=|<=|>|<)\s*(\d+(?:\.\d+)?)\s*(µs|us|ms|s)?\s*$/i.exec(text);
  if (!m) throw new ThresholdError(`--fail-if '${text}': expected e.g. "ws.p99 > 5ms" or "*.failures > 0"`);
  const [, protocol = '', metric = '', op = '>', num = '0', unit = ''] = m;
  const def = THRESHOLD_METRICS[metric.toLowerCase()];
  if (!def) throw new ThresholdError(`--fail-if '${text}': unknown metric '${metric}' (one of: ${Object.keys(THRESHOLD_METRICS).join(', ')})`);
  if (def.kind === 'count' && unit) throw new ThresholdError(`--fail-if '${text}': ${metric} is a count and takes no unit`);
  const scale = def.kind === 'us' ? UNIT_US[unit.toLowerCase()] ?? 1 : 1;
  return { text: text.trim(), protocol: protocol.toLowerCase(), metric: metric.toLowerCase(), op: op as Op, value: Number(num) * scale };
}

export interface Breach {
  threshold: Threshold;
  scenarioId: string;
  actual: string;
}

function holds(actual: number, op: Op, limit: number): boolean {
  switch (op) {
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
  }
}

export function checkThresholds(thresholds: readonly Threshold[], results: readonly ScenarioResult[]): Breach[] {
  const breaches: Breach[] = [];
  for (const t of thresholds) {
    const def = THRESHOLD_METRICS[t.metric];
    if (!def) continue;
    for (const r of results) {
      if (t.protocol !== '*' && r.scenario.protocol !== t.protocol) continue;
      const actual = def.value(r);
      if (holds(actual, t.op, t.value)) {
        breaches.push({ threshold: t, scenarioId: r.scenario.id, actual: def.kind === 'us' ? formatUs(actual) : String(Math.round(actual * 100) / 100) });
      }
    }
  }
  return breaches;
}
