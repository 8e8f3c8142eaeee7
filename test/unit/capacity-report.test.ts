import { describe, expect, it } from 'vitest';
import { capacityReport } from '../../src/engine/capacity/report.js';
import type { CapacityResult, CapacityRun } from '../../src/engine/capacity/result.js';
import { parseCapacityResult, perConnection } from '../../src/engine/capacity/result.js';
import { EMPTY_SUMMARY } from '../../src/engine/stats.js';

function run(protocol: CapacityRun['protocol'], n: number, extra: Partial<CapacityRun> = {}): CapacityRun {
  const side = (label: string, kbPer: number) => ({ label, processes: 1, rssBaselineBytes: 50e6, rssAfterBytes: 50e6 + kbPer * 1024 * n, heapDeltaBytes: kbPer * 512 * n, holdCpuPct: 1, establishedTcp: n });
  return {
    protocol, target: n, attempted: n, status: 'ok', connected: n, failed: 0, open: n, errors: {}, drops: {}, connectAllMs: 1000, connectUs: { ...EMPTY_SUMMARY },
    connectHist: '', settleMs: 1000, settled: true, server: side('1 server', 10), client: side('1 worker', 20), kernel: { tcpMemDeltaBytes: 4096 * 10, tcpInuseDelta: 2 * n },
    keepalive: { sent: n / 10, received: n / 10 }, destinations: ['ws://127.0.0.1:1/'], gcForced: true, notes: [], ...extra,
  };
}

function result(runs: CapacityRun[]): CapacityResult {
  return {
    schemaVersion: 1, kind: 'capacity', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z',
    host: { cpuModel: 'cpu', cores: 2, ramBytes: 8e9, os: 'Linux', node: 'v20', hostname: 'h', pushtui: '0.1.0', libraries: {} },
    fdLimits: { soft: 20_000, hard: 20_000 }, ephemeralPorts: { low: 32768, high: 60999 }, pageSizeBytes: 4096,
    plan: { fleet: 50_000, connectRatePerSec: 1000, holdMs: 10_000, keepaliveBytes: 16, keepaliveSamplePct: 10 }, aborted: false, notices: [], runs,
  };
}

describe('capacity report', () => {
  it('gives KiB per connection per side', () => {
    const p = perConnection(run('ws', 1000));
    expect(p.serverKb).toBeCloseTo(10);
    expect(p.clientKb).toBeCloseTo(20);
    expect(p.serverHeapKb).toBeCloseTo(5);
    expect(p.kernelKb).toBeCloseTo(0.04);
    expect(perConnection(run('ws', 1000, { open: 0 })).serverKb).toBeNull();
  });

  it('prints one table per protocol, the projection beside the study, and every limit with its fix', () => {
    const limited = run('mqtt', 50_000, { attempted: 19_935, connected: 19_935, open: 19_935, limit: { reason: 'the MQTT broker is one process', advice: 'sudo prlimit ...' } });
    const text = capacityReport(result([run('ws', 10_000), run('grpc', 10_000), limited]));
    expect(text).toContain('### ws: KiB per connection');
    expect(text).toContain('### grpc: KiB per connection');
    expect(text).toContain('### Projection for 50.0k connections');
    expect(text).toMatch(/grpc .*60 KB → 2\.86 GiB/);
    expect(text).toMatch(/ws .*30 KB → 1\.43 GiB/);
    expect(text).toContain('reached 19.9k of 50.0k because the MQTT broker is one process. To go further: sudo prlimit');
  });

  it('reads back its own JSON and refuses a foreign file', () => {
    const r = result([run('ws', 100)]);
    expect(parseCapacityResult(JSON.parse(JSON.stringify(r))).runs[0]?.open).toBe(100);
    expect(() => parseCapacityResult({ kind: 'run' })).toThrow(/not a pushtui capacity result/);
  });
});
