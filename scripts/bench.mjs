// `npm run bench`: pushtui against bare protocol scripts on this machine, in one run,
// written to BENCHMARKS.md with the command and the machine. Speed is a benchmark here,
// never a test assertion. Each pair runs alternately (bare, pushtui, bare, ...) so that
// machine noise hits both sides alike; the reported figure is the median over rounds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const node = process.execPath;

function json(cmd, args) {
  const out = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out);
}

function pushtui(protocol, clients, messages, payload, encoding) {
  const r = json(node, ['dist/cli.js', 'run', '--protocols', protocol, '--clients', String(clients), '--messages', String(messages),
    '--payload', String(payload), '--encoding', encoding, '--samples', '1', '--warmup', '5', '--json', '--quiet']);
  const s = r.scenarios[0];
  if (s.failures > 0) throw new Error(`pushtui ${protocol} had failures: ${JSON.stringify(s.counts)}`);
  return { p50: s.latency.rttUs.p50Us, p99: s.latency.rttUs.p99Us };
}

/** The bare scripts: each does one shape and prints its p50/p99 round trip in µs. */
const BARE = {
  ws: (clients, messages, payload) => {
    const r = json(node, ['scripts/bare-ws.mjs', '--clients', String(clients), '--messages', String(messages), '--payload', String(payload)]);
    return { p50: r.rttP50Us, p99: r.rttP99Us };
  },
  grpc: (clients, messages) => {
    const r = json(node, ['scripts/bare-grpc.mjs', `${clients}x${messages}`]).results[0];
    return { p50: r.p50Us, p99: r.p99Us };
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const pairs = [
  { protocol: 'ws', encoding: 'json', clients: 1, messages: 1000, payload: 1500 },
  { protocol: 'ws', encoding: 'json', clients: 100, messages: 100, payload: 1500 },
  { protocol: 'grpc', encoding: 'protobuf', clients: 1, messages: 1000, payload: 1500 },
  { protocol: 'grpc', encoding: 'protobuf', clients: 100, messages: 100, payload: 1500 },
];

const rows = [];
for (const p of pairs) {
  const b = [];
  const t = [];
  for (let i = 0; i < ROUNDS; i++) {
    b.push(BARE[p.protocol](p.clients, p.messages, p.payload));
    t.push(pushtui(p.protocol, p.clients, p.messages, p.payload, p.encoding));
  }
  const row = {
    shape: `${p.protocol} pingpong ${p.clients} client(s) x ${p.messages} msgs, ${p.payload} B ${p.encoding}`,
    bareP50: median(b.map((x) => x.p50)),
    bareP99: median(b.map((x) => x.p99)),
    pushtuiP50: median(t.map((x) => x.p50)),
    pushtuiP99: median(t.map((x) => x.p99)),
  };
  row.ratio = row.pushtuiP50 / row.bareP50;
  rows.push(row);
  console.error(`${row.shape}: bare p50 ${row.bareP50}µs, pushtui p50 ${row.pushtuiP50}µs, ratio ${row.ratio.toFixed(2)}`);
}

// The app's own cost: the same plan headless and in the TUI (driven through tmux), comparing
// the controller's CPU (it renders the TUI) and the p50 round trip.
const APP_PLAN = { protocols: ['ws'], clients: [10], messages: [3000], payloadBytes: [1500], samples: 3 };
const APP_ARGS = ['--protocols', 'ws', '--clients', '10', '--messages', '3000', '--payload', '1500', '--samples', '3'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function hasTmux() {
  try {
    execFileSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function appFigures(result) {
  const s = result.scenarios[0];
  return { cpuPct: result.controller.cpuPct, p50: s.latency.rttUs.p50Us, failures: s.failures };
}

async function tuiRun() {
  const dir = mkdtempSync(join(os.tmpdir(), 'pushtui-bench-'));
  writeFileSync(join(dir, 'last-plan.json'), JSON.stringify(APP_PLAN));
  const out = join(dir, 'result.json');
  const tmux = (...args) => execFileSync('tmux', ['-L', `pushtui-bench-${process.pid}`, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'b');
  const waitFor = async (text, ms) => {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(200)) if (screen().includes(text)) return;
    throw new Error(`TUI bench: '${text}' did not appear`);
  };
  tmux('new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', `PUSHTUI_CONFIG_DIR=${dir} PUSHTUI_RESULT_JSON=${out} ${node} dist/cli.js`);
  try {
    await waitFor('enter run', 15_000);
    tmux('send-keys', '-t', 'b', 'Enter');
    await waitFor('pushtui results', 300_000);
    tmux('send-keys', '-t', 'b', 'q');
    await sleep(300);
    tmux('send-keys', '-t', 'b', 'q');
    for (let i = 0; i < 50 && !existsSync(out); i++) await sleep(200);
    return appFigures(JSON.parse(readFileSync(out, 'utf8')));
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

let appTable = '_tmux is not installed: the TUI-against-headless comparison was skipped._';
if (hasTmux()) {
  const headless = [];
  const tui = [];
  for (let i = 0; i < ROUNDS; i++) {
    headless.push(appFigures(json(node, ['dist/cli.js', 'run', ...APP_ARGS, '--json', '--quiet'])));
    tui.push(await tuiRun());
  }
  const h = { cpu: median(headless.map((x) => x.cpuPct)), p50: median(headless.map((x) => x.p50)) };
  const t = { cpu: median(tui.map((x) => x.cpuPct)), p50: median(tui.map((x) => x.p50)) };
  console.error(`app cost: headless cpu ${h.cpu.toFixed(1)}% p50 ${h.p50}µs; tui cpu ${t.cpu.toFixed(1)}% p50 ${t.p50}µs`);
  appTable = [
    '| mode | controller CPU (% of one core) | p50 round trip |',
    '|---|---:|---:|',
    `| headless (\`pushtui run\`) | ${h.cpu.toFixed(1)}% | ${h.p50} µs |`,
    `| TUI (\`pushtui\`, driven through tmux) | ${t.cpu.toFixed(1)}% ${t.cpu < 5 ? '(under 5%)' : '(ABOVE 5%)'} | ${t.p50} µs (${((t.p50 / h.p50 - 1) * 100).toFixed(1)}% vs headless) |`,
  ].join('\n');
}

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown';
const table = [
  '| shape | bare p50 | pushtui p50 | p50 ratio | bare p99 | pushtui p99 |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.shape} | ${r.bareP50} µs | ${r.pushtuiP50} µs | ${r.ratio.toFixed(2)}x ${r.ratio <= 1.1 ? '(within 1.10x)' : '(ABOVE 1.10x)'} | ${r.bareP99} µs | ${r.pushtuiP99} µs |`),
].join('\n');

const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs); rerun it to refresh. Numbers are from one machine
and mean little elsewhere: compare runs on the same machine only.

## pushtui's own overhead against bare protocol scripts

Round trip (push side: encode notification -> decoded ack), microseconds, median of ${ROUNDS} alternating
rounds. The bare scripts (\`scripts/bare-*.mjs\`) do the same work with nothing else: one server process,
one client process, the same encoding, Nagle off, one TCP connection per client, no histogram IPC,
no controller. Target: pushtui's p50 within
1.10x of the bare script's.

${table}

## The app's own cost: TUI against headless

The same plan (\`pushtui run ${APP_ARGS.join(' ')}\`) headless and in the interactive app,
median of ${ROUNDS} alternating rounds. Controller CPU is the controller process's user+system
time over the run's wall time (it includes spawning the children, and in the TUI, drawing at
most 4 frames a second). Targets: TUI under 5% of a core; p50 within 5% of headless.

${appTable}

- Date: ${new Date().toISOString()}
- Command: \`npm run bench\` (BENCH_ROUNDS=${ROUNDS})
- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}
`;
// Capacity (10,000 and 50,000 idle connections per protocol) takes minutes: BENCH_CAPACITY=0 skips it.
// BENCH_CAPACITY=keep reuses the capacity section already in BENCHMARKS.md (with its own date).
let capacity = '## Capacity: memory per idle connection\n\n_Skipped (BENCH_CAPACITY=0)._\n';
const previous = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '';
if (process.env.BENCH_CAPACITY === 'keep' && previous.includes('## Capacity')) {
  capacity = previous.slice(previous.indexOf('## Capacity'));
} else if (process.env.BENCH_CAPACITY !== '0') {
  capacity = execFileSync(node, ['scripts/bench-capacity.mjs'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}
writeFileSync('BENCHMARKS.md', `${md}\n${capacity}`);
console.error('wrote BENCHMARKS.md');
