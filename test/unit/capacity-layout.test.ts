import { describe, expect, it } from 'vitest';
import { planLayout } from '../../src/engine/capacity/layout.js';
import { parseCapacityPlan } from '../../src/engine/capacity/plan.js';

const plan = parseCapacityPlan({});
const fds = { soft: 20_000, hard: 20_000 };
const ports = { low: 32768, high: 60999 };

describe('capacity layout', () => {
  it('spreads 50,000 ws connections over server processes on 127.0.0.k and workers under the fd limit', () => {
    const l = planLayout('ws', 50_000, plan, fds, ports);
    expect(l.attempted).toBe(50_000);
    expect(l.limit).toBeUndefined();
    expect(l.serverHosts).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(l.perServer).toBeLessThanOrEqual(20_000 - 64);
    expect(l.workerCounts.reduce((a, b) => a + b, 0)).toBe(50_000);
    for (const n of l.workerCounts) expect(n).toBeLessThanOrEqual(10_000);
  });

  it('uses more destinations when the ephemeral ports, not the fd limit, are the bound', () => {
    const l = planLayout('grpc', 50_000, plan, { soft: 1_000_000, hard: 1_000_000 }, ports);
    expect(l.serverHosts.length).toBe(2);
    expect(l.perServer).toBeLessThanOrEqual(ports.high - ports.low + 1 - 1000);
  });

  it('cuts MQTT to what one broker process holds and says why and what to run', () => {
    const l = planLayout('mqtt', 50_000, plan, fds, ports);
    expect(l.attempted).toBe(20_000 - 64 - 1);
    expect(l.serverHosts).toEqual(['127.0.0.1']);
    expect(l.limit?.reason).toMatch(/one process.*open-file hard limit is 20000/);
    expect(l.limit?.advice).toMatch(/prlimit|launchctl/);
  });

  it('names the port range when that is MQTT’s bound', () => {
    const l = planLayout('mqtt', 50_000, plan, { soft: 1_000_000, hard: Infinity }, ports);
    expect(l.attempted).toBe(ports.high - ports.low + 1 - 1000);
    expect(l.limit?.advice).toMatch(/ip_local_port_range/);
  });

  it('keeps small runs in one process each', () => {
    const l = planLayout('ws', 300, plan, fds, ports);
    expect(l.serverHosts).toHaveLength(1);
    expect(l.workerCounts).toEqual([300]);
  });
});
