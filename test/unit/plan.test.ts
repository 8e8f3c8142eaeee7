import { describe, expect, it } from 'vitest';
import { parseCount, parseDurationMs, parseRunFlags, planFlagHelp, UsageError } from '../../src/cli/flags.js';
import { FD_OVERHEAD } from '../../src/engine/env/ulimit.js';
import { defaultPlan, parsePlan, PlanError, PLAN_KEYS, fieldMeta } from '../../src/engine/plan.js';
import { checkFds } from '../../src/engine/preflight.js';
import { protocolFor } from '../../src/engine/protocols/index.js';
import { expandScenarios, splitClients } from '../../src/engine/scenario.js';

describe('plan schema', () => {
  it('has defaults for every field and a flag for each', () => {
    const plan = defaultPlan();
    expect(plan.protocols).toEqual(['ws']);
    expect(plan.pattern).toBe('pingpong');
    for (const key of PLAN_KEYS) expect(fieldMeta(key).flag).toMatch(/^[a-z-]+$/);
    expect(planFlagHelp()).toHaveLength(PLAN_KEYS.length);
  });

  it('refuses bad values with the flag name and the rule', () => {
    expect(() => parsePlan({ clients: [0] })).toThrow(new PlanError('--clients: must be at least 1'));
    expect(() => parsePlan({ clients: [] })).toThrow(/--clients: give at least one value/);
    expect(() => parsePlan({ samples: 1.5 })).toThrow(/--samples: must be a whole number/);
    expect(() => parsePlan({ protocols: ['smtp'] })).toThrow(/--protocols: protocol must be one of/);
    expect(() => parsePlan({ pattern: 'flood' })).toThrow(/--pattern: pattern must be pingpong, burst or rate/);
    expect(() => parsePlan({ colour: 'red' })).toThrow(PlanError);
  });

  it('removes duplicate list values', () => {
    expect(parsePlan({ clients: [10, 1, 10] }).clients).toEqual([10, 1]);
  });
});

describe('flags', () => {
  it('parses counts and durations', () => {
    expect(parseCount('10k')).toBe(10_000);
    expect(parseCount('1.5k')).toBe(1500);
    expect(parseCount('abc')).toBeUndefined();
    expect(parseDurationMs('30s')).toBe(30_000);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('2m')).toBe(120_000);
    expect(parseDurationMs('40')).toBe(40);
    expect(parseDurationMs('soon')).toBeUndefined();
  });

  it('turns flags into a validated plan, preset first and flags on top', () => {
    const { plan, extras } = parseRunFlags(['--preset', 'seed', '--samples', '2', '--json', '--encoding', 'json,protobuf'], [{ name: 'json', type: 'boolean', help: '' }]);
    expect(plan.clients).toEqual([1, 100]);
    expect(plan.messages).toEqual([1, 10, 100, 1000]);
    expect(plan.payloadBytes).toEqual([1500, 4000]);
    expect(plan.samples).toBe(2);
    expect(plan.encodings).toEqual(['json', 'protobuf']);
    expect(extras.json).toBe(true);
    expect(parseRunFlags(['--timeout', '5s', '--nagle']).plan).toMatchObject({ timeoutMs: 5000, nagle: true });
  });

  it('reports bad input as one UsageError line', () => {
    for (const argv of [['--clients', 'x'], ['--bogus'], ['--preset', 'nope'], ['--clients', '0'], ['--timeout', 'soon'], ['--samples']]) {
      let err: unknown;
      try {
        parseRunFlags(argv);
      } catch (e) {
        err = e;
      }
      expect(err, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('scenarios', () => {
  it('the seed preset is the study matrix: 2 payloads x 4 message counts x 2 client counts per protocol', () => {
    const plan = parseRunFlags(['--preset', 'seed', '--protocols', 'ws']).plan;
    const scenarios = expandScenarios(plan, protocolFor);
    expect(scenarios).toHaveLength(16);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(16);
    expect(scenarios.every((s) => s.samples === 10)).toBe(true);
  });

  it('splits clients evenly over workers, none above clientsPerWorker', () => {
    const groups = splitClients(10, 3);
    expect(groups).toHaveLength(4);
    expect(groups.flat()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(3);
    expect(splitClients(1, 500)).toEqual([['c0']]);
  });
});

describe('fd preflight', () => {
  const limits = { soft: 1024, hard: 4096 };
  it('raises the soft limit when the hard one allows, with a notice', () => {
    const plan = parsePlan({ clients: [2000] });
    const notices = checkFds(plan, expandScenarios(plan, protocolFor), limits);
    expect(notices.join()).toMatch(/raised to 2064/);
  });

  it('refuses a plan beyond the hard limit, saying what to run and what fits', () => {
    const plan = parsePlan({ clients: [10_000] });
    expect(() => checkFds(plan, expandScenarios(plan, protocolFor), limits)).toThrow(
      new RegExp(`hard limit is 4096.*nofile=${10_000 + FD_OVERHEAD}.*--clients ${4096 - FD_OVERHEAD} or fewer`),
    );
  });

  it('refuses more clients than ephemeral ports', () => {
    const plan = parsePlan({ clients: [3000] });
    expect(() => checkFds(plan, expandScenarios(plan, protocolFor), { soft: 9000, hard: 9000 }, { low: 60000, high: 61999 })).toThrow(/--clients 2000 or fewer/);
  });
});
