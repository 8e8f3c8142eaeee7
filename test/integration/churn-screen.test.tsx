/**
 * The churn Run screen over the real engine: runChurn over ws (no broker, no Redis), five
 * clients, short phases. The result reaches onEnded and no child is left behind.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseChurnPlan } from '../../src/engine/churn/plan.js';
import type { ChurnResult } from '../../src/engine/churn/result.js';
import type { ChurnEvent } from '../../src/engine/churn/run.js';
import { runChurn } from '../../src/engine/churn/run.js';
import type { ChurnRunFn } from '../../src/ui/churn/churn-run-screen.js';
import { ChurnRunScreen } from '../../src/ui/churn/churn-run-screen.js';
import { expectAllGone } from '../helpers/run.js';
import { waitFor } from '../ui/fixtures.js';

afterEach(() => cleanup());

/** Churn children of this process still running (their command names the churn child entry). */
function churnChildrenAlive(): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === process.pid && (m[3] ?? '').includes('child-main.js'))
    .map((m) => Number(m[1]));
}

describe('churn Run screen over the real engine', () => {
  it('runs ws with 5 clients to the end, hands the result to onEnded, leaves no child', async () => {
    const plan = parseChurnPlan({
      modes: ['ws'], protocols: ['ws'], clients: [5], dropShare: [0.4], ratePerClient: 20, baselineMs: 300, warmupMs: 0, durationMs: 1500,
      offlineMs: [200, 400], drainMs: 500, timeoutMs: 5000, payloadBytes: 64,
    });
    const pids: number[] = [];
    const seen: ChurnEvent['type'][] = [];
    const run: ChurnRunFn = async function* (p, opts) {
      for await (const e of runChurn(p, opts)) {
        seen.push(e.type);
        if (e.type === 'process' && e.state === 'started') pids.push(e.pid);
        yield e;
      }
    };
    const onEnded = vi.fn();
    const r = render(<ChurnRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} />);
    await waitFor(() => onEnded.mock.calls.length === 1, 'onEnded', 60_000);
    const [result, quit] = onEnded.mock.calls[0] as [ChurnResult, boolean];
    expect(quit).toBe(false);
    expect(result.aborted).toBe(false);
    expect(result.cells).toHaveLength(1);
    expect(result.cells[0]?.status).toBe('ok');
    expect(result.cells[0]?.counts.sent).toBeGreaterThan(0);
    expect(seen).toContain('progress');
    expect(r.lastFrame()).toMatch(/\[1\/1\] ws\/5c\/40% +done {2}lost/);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    await expectAllGone(pids);
    expect(churnChildrenAlive()).toEqual([]);
  }, 90_000);
});
