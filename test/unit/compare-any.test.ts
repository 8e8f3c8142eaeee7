import { describe, expect, it } from 'vitest';
import { capacityComparisonText } from '../../src/engine/capacity/compare.js';
import { churnComparisonText } from '../../src/engine/churn/compare.js';
import { comparisonText } from '../../src/engine/report/compare.js';
import { compareAny, compareAnyText, CompareKindError } from '../../src/engine/report/compare-any.js';
import { METRICS } from '../../src/engine/report/matrix.js';
import { capacityResult, capacityRun, churnCell, churnResult } from '../helpers/fixtures-any.js';
import { fakeResult } from '../helpers/fake-result.js';

const LATENCY = fakeResult({ clients: [1], messages: [10], samples: 2 }, (k) => 200 + k);
const CHURN = churnResult([churnCell('ws', 5, 0.3, { lost: 10 })]);
const CAPACITY = capacityResult([capacityRun('ws', 100)]);
const NAMES: [string, string] = ['a.md', 'b.md'];

describe('compareAnyText', () => {
  it('dispatches on the kind: latency as before, churn, capacity', () => {
    expect(compareAnyText(LATENCY, LATENCY, NAMES)).toBe(comparisonText(LATENCY, LATENCY, METRICS, NAMES));
    expect(compareAnyText(CHURN, CHURN, NAMES)).toBe(churnComparisonText(CHURN, CHURN, NAMES));
    expect(compareAnyText(CAPACITY, CAPACITY, NAMES)).toBe(capacityComparisonText(CAPACITY, CAPACITY, NAMES));
  });

  it.each([
    [CHURN, LATENCY, 'cannot compare a churn snapshot with a latency snapshot'],
    [LATENCY, CAPACITY, 'cannot compare a latency snapshot with a capacity snapshot'],
    [CAPACITY, CHURN, 'cannot compare a capacity snapshot with a churn snapshot'],
  ])('mixed kinds: one line naming both', (a, b, message) => {
    expect(() => compareAnyText(a, b, NAMES)).toThrow(CompareKindError);
    expect(() => compareAnyText(a, b, NAMES)).toThrow(new RegExp(`^${message}$`));
    expect(() => compareAny(a, b)).toThrow(message);
  });

  it('the data carries its kind', () => {
    expect(compareAny(CHURN, CHURN).kind).toBe('churn');
    expect(compareAny(CAPACITY, CAPACITY).kind).toBe('capacity');
    const latency = compareAny(LATENCY, LATENCY, ['rttP99']);
    expect(latency.kind === 'latency' && latency.comparisons.map((c) => c.metric)).toEqual(['rttP99']);
  });
});
