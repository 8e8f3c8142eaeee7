/**
 * `pushtui` on a terminal: the interactive app (src/ui). Loaded on demand so that the
 * headless commands never load ink or react.
 */
export async function startInteractive(argv: readonly string[]): Promise<number> {
  if (argv.length > 0) {
    const { executeRun } = await import('./run-command.js');
    return (await executeRun(argv)).code;
  }
  const { startApp } = await import('../ui/app.js');
  return startApp();
}
