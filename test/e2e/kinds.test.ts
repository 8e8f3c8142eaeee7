/**
 * Churn and capacity in the real app (tmux): the test row switches Setup to the kind, a
 * small plan runs through the real engine, Results shows the kind's table, `s` saves a
 * snapshot of that kind, and quitting leaves no child, broker or Redis behind. Needs
 * `npm run build` first (npm test does).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resultKind } from '../../src/engine/any-result.js';
import type { CapacityResult } from '../../src/engine/capacity/result.js';
import type { ChurnResult } from '../../src/engine/churn/result.js';
import { loadAnySnapshot } from '../../src/engine/snapshot.js';
import { requireProgram } from '../helpers/run.js';
import { expectNoChildren, keysToSet, READY, TmuxApp } from '../helpers/tmux.js';

const tmuxCheck = requireProgram('tmux');
const app = new TmuxApp('kinds');

/** Moves the cursor from the first field up to the test row and picks the `n`th kind (0 latency, 1 churn, 2 capacity). */
function pickKind(n: number): string[] {
  return ['k', 'k', ...Array<string>(n).fill('l'), 'Space'];
}

/** From the row under the cursor, `down` rows further, then sets it. */
function setRow(down: number, text: string, erase = 16): string[] {
  return [...Array<string>(down).fill('j'), ...keysToSet(text, erase)];
}

async function saveAndLoad(dir: string): Promise<ReturnType<typeof loadAnySnapshot>> {
  app.keys('s');
  await app.waitForScreen((s) => s.includes('snapshot saved: '), 'the saved path');
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return loadAnySnapshot(join(dir, files[0] ?? ''));
}

describe.skipIf(tmuxCheck.skip)(`churn and capacity in a real terminal${tmuxCheck.reason ? ` (${tmuxCheck.reason})` : ''}`, () => {
  afterEach(() => app.stop());

  it('churn: pick the kind, run ws for a second and a half, see the lost share, save a churn snapshot, quit; nothing left', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pushtui-e2e-kinds-')), 'snaps');
    app.start({ PUSHTUI_SNAPSHOT_DIR: dir });
    await app.waitForScreen((s) => s.includes(READY), 'the Setup screen');
    app.keys(...pickKind(1));
    await app.waitForScreen((s) => s.includes('pushtui setup churn') && s.includes('drop-share'), 'the churn form');
    // rows: test, protocols, modes, clients, drop-share, rate, duration, baseline, warmup, offline
    app.keys('j', 'j', ...keysToSet('ws', 80), ...setRow(1, '5'), ...setRow(3, '1500ms'), ...setRow(1, '500ms'), ...setRow(1, '0'), ...setRow(1, '200ms..400ms'));
    await app.waitForScreen((s) => s.includes('1 cell,') && s.includes('200ms..400ms'), 'the one-cell plan');
    app.keys('Enter');
    await app.waitForScreen((s) => s.includes('pushtui churn') && s.includes('delivered (acked) per second'), 'the churn Run screen');
    const results = await app.waitForScreen((s) => s.includes('pushtui churn results') && s.includes('s save'), 'the churn Results screen', 60_000);
    expect(results).toMatch(/ws\s+\d+\.\d+%/);
    const saved = (await saveAndLoad(dir)) as ChurnResult;
    expect(resultKind(saved)).toBe('churn');
    expect(saved.cells.map((c) => c.id)).toEqual(['ws/5c/30%']);
    expect(saved.cells[0]?.counts.sent).toBeGreaterThan(0);
    app.keys('q');
    await app.waitForScreen((s) => s.includes('pushtui setup churn') && s.includes(READY), 'back on the churn form');
    app.keys('q');
    const after = await app.waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 0');
    expect(after).toContain('## Modes'); // the churn report, printed after the app leaves the alternate screen
    await expectNoChildren();
  }, 120_000);

  it('capacity: pick the kind, hold 200 ws connections, see KiB per connection and the memory chart, save a capacity snapshot; nothing left', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pushtui-e2e-kinds-')), 'snaps');
    app.start({ PUSHTUI_SNAPSHOT_DIR: dir });
    await app.waitForScreen((s) => s.includes(READY), 'the Setup screen');
    app.keys(...pickKind(2));
    await app.waitForScreen((s) => s.includes('pushtui setup capacity') && s.includes('connect-rate'), 'the capacity form');
    // rows: test, protocols, connections, connect-rate, hold, keepalive-sample, keepalive-bytes, fleet, per-worker, per-server, timeout, settle
    app.keys('j', ...keysToSet('ws', 40), ...setRow(1, '200', 40), ...setRow(2, '1s'), ...setRow(7, '1s'));
    await app.waitForScreen((s) => s.includes('1 run,') && /> settle\s+1s/.test(s), 'the one-run plan');
    app.keys('Enter');
    const results = await app.waitForScreen((s) => s.includes('pushtui capacity results') && s.includes('s save'), 'the capacity Results screen', 90_000);
    expect(results).toContain('server memory (RSS, MiB) against connections');
    expect(results).toMatch(/ws 200 +200 /);
    const saved = (await saveAndLoad(dir)) as CapacityResult;
    expect(resultKind(saved)).toBe('capacity');
    expect(saved.runs.map((r) => [r.protocol, r.target, r.open])).toEqual([['ws', 200, 200]]);
    app.keys('q');
    await app.waitForScreen((s) => s.includes('pushtui setup capacity') && s.includes(READY), 'back on the capacity form');
    app.keys('q');
    const after = await app.waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 0');
    await expectNoChildren();
  }, 180_000);
});
