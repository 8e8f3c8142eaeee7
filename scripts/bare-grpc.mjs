// A bare grpc-js bidirectional ping-pong, the baseline for pushtui's gRPC numbers.
//
//   node scripts/bare-grpc.mjs [CLIENTSxMESSAGES ...]     (default: 1x1000 100x100)
//
// Same shape as pushtui's grpc pingpong: this process is the server (the pusher), one
// forked child holds every client (a worker), one TCP connection per client, payload
// 1500 bytes, protobuf (protobufjs from proto/pushtui.proto, run by grpc-js's own
// serializers), 5 warm-up messages per client excluded, round trip from just before the
// write of notification i to the arrival of decoded ack i. Prints JSON on stdout.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAYLOAD_BYTES = 1500;
const WARMUP = 5;
const proto = protobuf.loadSync(join(ROOT, 'proto', 'pushtui.proto'));
const Notification = proto.lookupType('pushtui.v1.Notification');
const Ack = proto.lookupType('pushtui.v1.Ack');
const PATH = '/pushtui.v1.Push/Stream';
const codec = (T) => ({ encode: (o) => T.encode(o).finish(), decode: (b) => T.decode(b) });
const N = codec(Notification);
const A = codec(Ack);

if (process.argv[2] === 'clients') runClients(process.argv[3], Number(process.argv[4]));
else await main(process.argv.slice(2).length ? process.argv.slice(2) : ['1x1000', '100x100']);

/** Child: opens one stream per client, each on its own channel (own TCP connection), and acks every notification. */
function runClients(target, clients) {
  const channels = [];
  for (let i = 0; i < clients; i++) {
    const client = new grpc.Client(target, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
    channels.push(client);
    const md = new grpc.Metadata();
    md.set('x-client-id', `c${i}`);
    const call = client.makeBidiStreamRequest(PATH, A.encode, N.decode, md);
    call.on('data', (n) => call.write({ seq: n.seq, payload: '' }));
    call.on('error', () => undefined);
  }
  process.on('disconnect', () => {
    for (const c of channels) c.close();
    process.exit(0);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One shape: start the server, fork the clients, ping-pong, report. */
async function shape(clients, messages) {
  const total = WARMUP + messages;
  const message = 'x'.repeat(PAYLOAD_BYTES);
  const rttUs = [];
  let streams = 0;
  let finished = 0;
  let allDone;
  const done = new Promise((resolve) => (allDone = resolve));
  const pending = [];
  const server = new grpc.Server();
  server.addService(
    { Stream: { path: PATH, requestStream: true, responseStream: true, requestSerialize: A.encode, requestDeserialize: A.decode, responseSerialize: N.encode, responseDeserialize: N.decode } },
    {
      Stream: (call) => {
        let seq = 0;
        let t0 = 0n;
        const send = () => {
          t0 = process.hrtime.bigint();
          call.write({ seq, sentAt: Number(t0), message });
        };
        call.on('data', (ack) => {
          const t1 = process.hrtime.bigint();
          if (ack.seq !== seq) throw new Error(`ack ${ack.seq} for ${seq}`);
          if (seq >= WARMUP) rttUs.push(Number(t1 - t0) / 1000);
          if (++seq < total) send();
          else if (++finished === clients) allDone();
        });
        call.on('error', () => undefined);
        pending.push(send);
        if (++streams === clients) for (const start of pending) start();
      },
    },
  );
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const child = fork(fileURLToPath(import.meta.url), ['clients', `127.0.0.1:${port}`, String(clients)]);
  await done;
  child.disconnect();
  await new Promise((resolve) => child.once('exit', resolve));
  server.forceShutdown();
  rttUs.sort((a, b) => a - b);
  const meanUs = rttUs.reduce((s, v) => s + v, 0) / rttUs.length;
  return { clients, messages, payloadBytes: PAYLOAD_BYTES, warmupMessages: WARMUP, count: rttUs.length, p50Us: round(percentile(rttUs, 50)), p99Us: round(percentile(rttUs, 99)), meanUs: round(meanUs) };
}

function round(us) {
  return Math.round(us * 10) / 10;
}

async function main(shapes) {
  const results = [];
  for (const s of shapes) {
    const [clients, messages] = s.split('x').map(Number);
    if (!clients || !messages) throw new Error(`shape must be CLIENTSxMESSAGES, got ${s}`);
    results.push(await shape(clients, messages));
  }
  const grpcJs = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@grpc', 'grpc-js', 'package.json'), 'utf8')).version;
  process.stdout.write(`${JSON.stringify({ tool: 'bare-grpc', node: process.version, grpcJs, encoding: 'protobuf', connections: 'one per client', results }, null, 2)}\n`);
}
