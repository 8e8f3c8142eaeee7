#!/usr/bin/env node
/**
 * pushtui's entry point: picks the command, turns bad input into one line and exit 2,
 * and makes sure no child process outlives this one, whatever way it ends.
 */
import { runDoctor } from './engine/env/doctor.js';
import { killAllChildrenSync } from './engine/pool.js';
import { UsageError } from './cli/flags.js';
import { churnCommand, churnHelp } from './cli/churn-command.js';
import { capacityCommand, capacityHelp } from './cli/capacity-command.js';
import { compareCommand } from './cli/compare-command.js';
import { compareHelp, MAIN_HELP, runHelp } from './cli/help.js';
import { startInteractive } from './cli/interactive.js';
import { executeRun } from './cli/run-command.js';

process.on('exit', killAllChildrenSync);

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');
  switch (first) {
    case 'run':
      if (wantsHelp(rest)) return print(runHelp());
      return (await executeRun(rest)).code;
    case 'churn':
      return wantsHelp(rest) ? print(churnHelp()) : churnCommand(rest);
    case 'capacity':
      return wantsHelp(rest) ? print(capacityHelp()) : capacityCommand(rest);
    case 'compare':
      if (wantsHelp(rest)) return print(compareHelp());
      return compareCommand(rest);
    case 'doctor': {
      if (wantsHelp(rest)) return print('Usage: pushtui doctor\n\nChecks Node, open-file limits, ephemeral ports, mosquitto and CPU cores, each with OK/WARN and a fix.\n');
      if (rest.length) throw new UsageError(`doctor takes no arguments (got ${rest[0]})`);
      const checks = await runDoctor();
      for (const c of checks) process.stdout.write(`${c.status.padEnd(5)} ${c.name.padEnd(16)} ${c.value}${c.fix ? `\n      fix: ${c.fix}` : ''}\n`);
      return checks.some((c) => c.status === 'FAIL') ? 1 : 0;
    }
    case '--help':
    case '-h':
    case 'help':
      return print(MAIN_HELP);
    case '--version':
    case '-v': {
      const { pushtuiVersion } = await import('./engine/env/sysinfo.js');
      return print(`${pushtuiVersion()}\n`);
    }
    default:
      if (first !== undefined && !first.startsWith('-')) throw new UsageError(`unknown command '${first}' (try pushtui --help)`);
      if (process.stdout.isTTY && process.stdin.isTTY) return startInteractive(argv);
      return (await executeRun(argv)).code;
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    killAllChildrenSync();
    const usage = err instanceof UsageError;
    process.stderr.write(`pushtui: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);

process.on('uncaughtException', (err) => {
  killAllChildrenSync();
  process.stderr.write(`pushtui: internal error: ${err.message}\n`);
  process.exit(1);
});
