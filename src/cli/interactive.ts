/**
 * `pushtui` on a terminal: the interactive app (src/ui). Loaded on demand so that the
 * headless commands never load ink or react.
 */
export async function startInteractive(argv: readonly string[]): Promise<number> {
  if (argv.length > 0) {
    const { executeRun } = await import('./run-command.js');
    return (await executeRun(argv)).code;
  }
  // We only get here with a terminal on both ends. Ink decides once, when it loads, whether it
  // runs "in CI" (CI, CONTINUOUS_INTEGRATION or any CI_* variable set) and then draws nothing
  // until exit; a terminal is interactive whatever the environment says, so tell it so.
  process.env.CI = 'false';
  // React's development build (the default without NODE_ENV) does extra checks on every
  // render: CPU the pusher and workers would not get. `npm run bench` measures the app's cost.
  if (process.env.NODE_ENV !== 'development') process.env.NODE_ENV = 'production';
  const { startApp } = await import('../ui/app.js');
  return startApp();
}
