/** Help texts; plan flags come from the plan schema. */
import { PRESETS } from '../engine/plan.js';
import { METRICS } from '../engine/report/matrix.js';
import { planFlagHelp } from './flags.js';
import { RUN_FLAGS } from './run-command.js';

export const MAIN_HELP = `pushtui: WebSocket, MQTT or gRPC? Benchmark push delivery on this machine.

Usage:
  pushtui                 interactive app on a terminal (latency, churn and capacity tests,
                          snapshots); otherwise the same as 'pushtui run'
  pushtui run [flags]     run a plan headless; tables on stdout (--json for the full result)
  pushtui churn [flags]   delivery while clients drop off: lost, duplicated, late (MQTT QoS, Redis outbox)
  pushtui capacity [flags]
                          idle connections: memory per connection up to 50k clients
  pushtui doctor          check this machine: Node, open-file limits, ports, mosquitto, cores
  pushtui compare A.md B.md [--json] [--metric m,...]
                          compare two snapshots (latency, churn or capacity) cell by cell
  pushtui <command> --help

Examples:
  pushtui run --protocols ws --clients 1,100 --messages 1,10,100,1000 --payload 1500,4000 --samples 10
  pushtui run --preset seed --json > result.json
  pushtui run --pattern rate --rate 200 --clients 100 --messages 1000

Exit codes: 0 done, 1 the run failed, 2 bad input, 99 a --fail-if threshold held, 130 interrupted.
`;

export function runHelp(): string {
  const extra = RUN_FLAGS.map((f) => `  --${f.name}${f.arg ? ` <${f.arg}>` : ''}`.padEnd(44) + f.help);
  return `Usage: pushtui run [flags]

Plan flags (lists are comma-separated; counts take k/m, e.g. 10k; durations take ms/s/m):
${`  --preset <${Object.keys(PRESETS).join('|')}>`.padEnd(44)}start from a preset (seed = the original study's matrix); flags override it
${planFlagHelp().join('\n')}

Output:
${extra.join('\n')}
${'  -h, --help'.padEnd(44)}this help
`;
}

export function compareHelp(): string {
  return `Usage: pushtui compare A.md B.md [--json] [--metric ${METRICS.join(',')}]

Compares two snapshots of the same kind, B against A. Cells only one side has are listed; a
different host (and, for churn and capacity, a different plan) is called out at the top.

  latency (pushtui run)   per metric, cell by cell: the change in percent, and whether it lies
                          within the samples' spread ("~", no clear change)
  churn                   per cell (mode/clients/drop share): lost % and its change in points,
                          duplicates, catch-up p50/p99 and round trip without churn (B / A)
  capacity                per protocol x target: connections open, server and client KiB per
                          connection (change in %), connect p99

--metric applies to latency snapshots only. A churn snapshot does not compare with a latency
or capacity one (exit 2). --json prints the comparison as data.
`;
}
