/** Capacity results with known numbers (no processes), and a fake runCapacity that replays them through the callbacks. */
import type { CapacityPlan, CapacityPlanInput } from '../../src/engine/capacity/plan.js';
import { parseCapacityPlan } from '../../src/engine/capacity/plan.js';
import type { CapacityResult, CapacityRun } from '../../src/engine/capacity/result.js';
import type { CapacityOptions, CapacitySample } from '../../src/engine/capacity/run.js';
import type { ProtocolName } from '../../src/engine/protocols/names.js';
import { EMPTY_SUMMARY } from '../../src/engine/stats.js';

const MIB = 1024 * 1024;

/** A measurement of `n` connections (`extra.open` of them open) costing `serverKb` / `clientKb` KiB each over a 50 / 80 MiB baseline, with a 5-point curve. */
export function fakeCapacityRun(protocol: ProtocolName, n: number, extra: Partial<CapacityRun> = {}, serverKb = 10, clientKb = 20): CapacityRun {
  const open = extra.open ?? n;
  const side = (label: string, baseBytes: number, kbPer: number) => ({
    label, processes: 1, rssBaselineBytes: baseBytes, rssAfterBytes: baseBytes + kbPer * 1024 * open, heapDeltaBytes: kbPer * 512 * open, holdCpuPct: 1, establishedTcp: open,
  });
  const curve = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ open: Math.round(f * open), serverRssBytes: 50 * MIB + f * serverKb * 1024 * open, clientRssBytes: 80 * MIB + f * clientKb * 1024 * open }));
  return {
    protocol, target: n, attempted: n, status: 'ok', connected: n, failed: 0, open: n, errors: {}, drops: {}, connectAllMs: 1234,
    connectUs: { ...EMPTY_SUMMARY, count: n, p50Us: 310, p90Us: 900, p99Us: 2100, maxUs: 5000 }, connectHist: '', settleMs: 1000, settled: true,
    server: side(`1 ${protocol} server process(es)`, 50 * MIB, serverKb), client: side('1 client worker process(es)', 80 * MIB, clientKb),
    kernel: { tcpMemDeltaBytes: 4096 * 10, tcpInuseDelta: 2 * n }, keepalive: { sent: n / 10, received: n / 10 }, destinations: ['ws://127.0.0.1:40001/'],
    gcForced: true, notes: ['a note about this run'], curve, ...extra,
  };
}

export function fakeCapacityResult(runs: CapacityRun[], plan: CapacityPlanInput = {}, aborted = false): CapacityResult {
  return {
    schemaVersion: 1, kind: 'capacity', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z',
    host: { cpuModel: 'cpu', cores: 2, ramBytes: 8e9, os: 'Linux', node: 'v20', hostname: 'h', pushtui: '0.1.0', libraries: {} },
    fdLimits: { soft: 1024, hard: 4096 }, ephemeralPorts: { low: 32768, high: 60999 }, pageSizeBytes: 4096,
    plan: { ...parseCapacityPlan(plan) }, aborted, notices: [], runs,
  };
}

/** The samples a measurement of `n` connections would emit: baseline, connecting in quarters, settling, holding. */
export function fakeSamples(protocol: ProtocolName, n: number): CapacitySample[] {
  const at = (phase: CapacitySample['phase'], f: number, elapsedMs: number): CapacitySample => ({
    protocol, target: n, phase, open: Math.round(f * n), serverRssBytes: 50 * MIB + f * 10 * 1024 * n, clientRssBytes: 80 * MIB + f * 20 * 1024 * n, elapsedMs,
  });
  return [at('baseline', 0, 0), at('connecting', 0.25, 250), at('connecting', 0.5, 500), at('connecting', 0.75, 750), at('settling', 1, 1000), at('holding', 1, 1500)];
}

/**
 * A runCapacity stand-in: for every protocol × count of the plan, a progress line, its
 * samples and the finished run, then the result. `hold` keeps it at `stopAfter` samples
 * until the signal aborts (then it resolves an aborted result, as the engine does).
 */
export class FakeCapacity {
  opts: CapacityOptions | undefined;
  calls = 0;

  constructor(private readonly hold?: { stopAfter: number }) {}

  readonly run = async (plan: CapacityPlan, opts: CapacityOptions): Promise<CapacityResult> => {
    this.opts = opts;
    this.calls++;
    const runs: CapacityRun[] = [];
    let emitted = 0;
    for (const protocol of plan.protocols) {
      for (const n of plan.connections) {
        opts.progress?.(`${protocol} ${n}: connecting ${n} at ${plan.connectRatePerSec}/s`);
        for (const s of fakeSamples(protocol, n)) {
          if (this.hold && emitted === this.hold.stopAfter) {
            await new Promise<void>((resolve) => (opts.signal?.aborted ? resolve() : opts.signal?.addEventListener('abort', () => resolve(), { once: true })));
            return fakeCapacityResult(runs, { ...plan }, true);
          }
          opts.onSample?.(s);
          emitted++;
          await new Promise((r) => setTimeout(r, 1));
        }
        const run = fakeCapacityRun(protocol, n);
        runs.push(run);
        opts.onRun?.(run);
      }
    }
    return fakeCapacityResult(runs, { ...plan });
  };
}
