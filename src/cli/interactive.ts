/**
 * `pushtui` on a terminal. The interactive app is its own issue; until it lands, the
 * default plan runs with live progress so that `npx pushtui` does something useful.
 */
import { executeRun } from './run-command.js';

export async function startInteractive(argv: readonly string[]): Promise<number> {
  process.stderr.write('pushtui: running the default plan (see pushtui --help for flags)\n');
  return (await executeRun(argv)).code;
}
