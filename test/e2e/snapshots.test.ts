/**
 * Snapshots end to end in tmux: run a tiny plan over ws, `s` on Results saves into
 * $PUSHTUI_SNAPSHOT_DIR and shows the path, the file loads, and the Snapshots screen
 * lists it (beside a corrupt file, listed with its error). Needs `npm run build` first.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/engine/snapshot.js';
import { requireProgram } from '../helpers/run.js';
import { expectNoChildren, keysToSet, READY, TmuxApp } from '../helpers/tmux.js';

const tmuxCheck = requireProgram('tmux');
const app = new TmuxApp('snapshots');

describe.skipIf(tmuxCheck.skip)(`snapshots in a real terminal${tmuxCheck.reason ? ` (${tmuxCheck.reason})` : ''}`, () => {
  afterEach(() => app.stop());

  it('s saves the run, the path shows, the file loads, o lists it; q q quits; nothing left', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pushtui-e2e-snaps-')), 'snaps');
    app.start({ PUSHTUI_SNAPSHOT_DIR: dir });
    await app.waitForScreen((s) => s.includes(READY), 'the Setup screen');
    app.keys('j', ...keysToSet('1'), 'j', ...keysToSet('10'), 'j', 'j', 'j', 'j', 'j', ...keysToSet('1'));
    await app.waitForScreen((s) => s.includes('1 scenario,'), 'the one-scenario plan');
    app.keys('Enter');
    await app.waitForScreen((s) => s.includes('pushtui results') && s.includes('s save'), 'the Results screen');
    app.keys('s');
    const saved = await app.waitForScreen((s) => s.includes('snapshot saved: '), 'the saved path');
    const shown = /snapshot saved: (\S+\.md)/.exec(saved)?.[1];
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^pushtui-\d{8}-\d{6}\.md$/);
    expect(shown).toBe(join(dir, files[0] ?? ''));
    const result = await loadSnapshot(join(dir, files[0] ?? ''));
    expect(result.scenarios.map((r) => r.scenario.id)).toEqual(['ws/json/1500B/10m/1c']);

    writeFileSync(join(dir, 'notes.md'), '# not a snapshot\n');
    app.keys('o');
    const list = await app.waitForScreen((s) => s.includes('pushtui snapshots') && s.includes('esc/q back'), 'the Snapshots screen');
    expect(list).toContain(`2 in ${dir} (1 did not load)`);
    expect(list).toMatch(/\[ \] \d{4}-\d\d-\d\d \d\d:\d\d {2}ws {2}c 1 {2}m 10 {2}1500B {2}1 scenario/);
    expect(list).toContain('✗ notes.md is not a pushtui snapshot');
    app.keys('Escape');
    await app.waitForScreen((s) => s.includes('pushtui results') && s.includes('snapshot saved: '), 'back on Results');
    app.keys('q');
    await app.waitForScreen((s) => s.includes('pushtui setup') && s.includes(READY), 'back on Setup');
    app.keys('q');
    const after = await app.waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 0');
    await expectNoChildren();
  });
});
