import { describe, expect, it } from 'vitest';
import { CAPACITY_PLAN_FLAGS } from '../../src/cli/capacity-command.js';
import { parseSchemaFlags, UsageError } from '../../src/cli/flags.js';
import { failureReason } from '../../src/engine/capacity/client-child.js';
import { CAPACITY_PLAN_KEYS, capacityFieldMeta, parseCapacityPlan } from '../../src/engine/capacity/plan.js';

describe('capacity plan and flags', () => {
  it('generates a flag for every field and parses counts and durations', () => {
    for (const key of CAPACITY_PLAN_KEYS) expect(capacityFieldMeta(key).flag).toMatch(/^[a-z-]+$/);
    const { plan } = parseSchemaFlags(CAPACITY_PLAN_FLAGS, ['--protocols', 'ws,grpc,mqtt', '--connections', '1000,10k,50k', '--hold', '10s', '--keepalive-sample', '5', '--fleet', '50k']);
    expect(plan).toMatchObject({ protocols: ['ws', 'grpc', 'mqtt'], connections: [1000, 10_000, 50_000], holdMs: 10_000, keepaliveSamplePct: 5, fleet: 50_000 });
  });

  it('turns bad input into one UsageError line naming the flag', () => {
    expect(() => parseSchemaFlags(CAPACITY_PLAN_FLAGS, ['--connections', 'abc'])).toThrow(UsageError);
    expect(() => parseSchemaFlags(CAPACITY_PLAN_FLAGS, ['--connections', '0'])).toThrow(/--connections: must be at least 1/);
    expect(() => parseSchemaFlags(CAPACITY_PLAN_FLAGS, ['--protocols', 'smtp'])).toThrow(/--protocols/);
    expect(() => parseSchemaFlags(CAPACITY_PLAN_FLAGS, ['--preset', 'seed'])).toThrow(UsageError);
    expect(() => parseCapacityPlan({ broker: 'mqtt://x:1' })).toThrow(/--broker/);
  });

  it('counts failures by errno even when a library wraps it', () => {
    expect(failureReason(Object.assign(new Error('connect EMFILE 127.0.0.1:1'), { code: 'EMFILE' }))).toBe('EMFILE');
    expect(failureReason(Object.assign(new Error('gRPC stream failed to open: UNAVAILABLE (connect EADDRNOTAVAIL)'), { code: 'UNAVAILABLE' }))).toBe('EADDRNOTAVAIL');
    expect(failureReason(Object.assign(new Error('gRPC stream failed to open: DEADLINE_EXCEEDED'), { code: 'DEADLINE_EXCEEDED' }))).toBe('DEADLINE_EXCEEDED');
  });
});
