import { describe, expect, it } from 'vitest';
import { RunResultSchema } from '../../src/engine/result-schema.js';
import { fakeResult } from '../helpers/fake-result.js';

describe('RunResultSchema', () => {
  it('loads results saved before staleAtClient was counted, as 0', () => {
    const saved = JSON.parse(JSON.stringify(fakeResult({ protocols: ['ws'], clients: [1], messages: [3], samples: 2 }, () => 100))) as {
      scenarios: { counts: Record<string, number> }[];
    };
    for (const s of saved.scenarios) delete s.counts.staleAtClient;
    const loaded = RunResultSchema.parse(saved);
    expect(loaded.scenarios.map((s) => s.counts.staleAtClient)).toEqual([0]);
  });
});
