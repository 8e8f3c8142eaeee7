/**
 * The built `pushtui` in a real terminal (tmux): type keys, read the screen, and check
 * that no child process is left. Waits for the ready marker (the key bar, drawn once
 * keys are read in raw mode) before typing. Needs `npm run build` first (npm test does).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requireProgram } from '../helpers/run.js';
import { expectNoChildren, keysToSet, ourChildren, READY, TmuxApp } from '../helpers/tmux.js';

const tmuxCheck = requireProgram('tmux');
const app = new TmuxApp('tui');

describe.skipIf(tmuxCheck.skip)(`pushtui in a real terminal${tmuxCheck.reason ? ` (${tmuxCheck.reason})` : ''}`, () => {
  afterEach(() => app.stop());

  it('a small plan chosen with the keyboard runs over real ws; the matrix shows; q q quits; nothing left', async () => {
    app.start();
    await app.waitForScreen((s) => s.includes(READY), 'the Setup screen');
    // Cursor starts on protocols: down to clients, messages; then down five to samples.
    app.keys('j', ...keysToSet('2'), 'j', ...keysToSet('10'), 'j', 'j', 'j', 'j', 'j', ...keysToSet('1'));
    const setup = await app.waitForScreen((s) => s.includes('1 scenario,'), 'the one-scenario plan');
    expect(setup).toMatch(/> samples\s+1/);
    app.keys('Enter');
    const results = await app.waitForScreen((s) => s.includes('pushtui results'), 'the Results screen');
    expect(results).toContain('10m x 2c');
    expect(results).toMatch(/ws json 1500B\s+\d/);
    app.keys('q');
    await app.waitForScreen((s) => s.includes('pushtui setup') && s.includes(READY), 'back on Setup');
    app.keys('q');
    const after = await app.waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 0');
    expect(after).toContain('### Failures');
    await expectNoChildren();
  });

  it('q mid-run asks, y aborts: the app exits with the partial report and no process is left', async () => {
    app.start();
    await app.waitForScreen((s) => s.includes(READY), 'the Setup screen');
    app.keys('j', ...keysToSet('2'), 'j', ...keysToSet('1000000'));
    await app.waitForScreen((s) => s.includes('1 scenario,'), 'the long plan');
    app.keys('Enter');
    await app.waitForScreen((s) => /pusher\s+\d+/.test(s) && /worker\s+\d+/.test(s), 'the children running');
    expect(ourChildren().length).toBeGreaterThan(0);
    app.keys('q');
    await app.waitForScreen((s) => s.includes('Abort the run and quit? y / n'), 'the question');
    app.keys('y');
    const after = await app.waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 130');
    await expectNoChildren();
  });
});
