// Capacity benchmark: memory per idle connection for ws, gRPC and MQTT at 10,000 and
// 50,000 connections, with the built CLI (`npm run build` first). Prints a Markdown
// section (command, date, machine, tables) on stdout, progress on stderr; meant to be
// pasted into (or wired by `npm run bench` into) BENCHMARKS.md. Takes minutes.
//   CAPACITY_ARGS="--connections 1000" node scripts/bench-capacity.mjs   to try it small
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { capacityReport } from '../dist/engine/capacity/report.js';
import { parseCapacityResult } from '../dist/engine/capacity/result.js';

// 500 connections/s: what a 2-core machine sustains for gRPC, so connect times are not queueing.
const args = ['capacity', '--protocols', 'ws,grpc,mqtt', '--connections', '10000,50000', '--fleet', '50000', '--connect-rate', '500',
  ...(process.env.CAPACITY_ARGS ? process.env.CAPACITY_ARGS.split(/\s+/).filter(Boolean) : []), '--json'];
const command = `node dist/cli.js ${args.join(' ')}`;
process.stderr.write(`bench-capacity: ${command}\n`);
const out = execFileSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
const result = parseCapacityResult(JSON.parse(out));
const h = result.host;
const lines = [
  '## Capacity: memory per idle connection',
  '',
  `Command: \`${command}\` (then rendered as Markdown by scripts/bench-capacity.mjs)`,
  `Date: ${result.startedAt}`,
  `Machine: ${h.cpuModel}, ${h.cores} cores, ${(h.ramBytes / 1024 ** 3).toFixed(1)} GiB RAM, ${h.os}, Node ${h.node}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  '',
  capacityReport(result).replace(/^## .*\n\n/, ''),
];
process.stdout.write(`${lines.join('\n')}\n`);
