// A bare WebSocket ping-pong, the yardstick for pushtui's own overhead: one server process
// sends JSON notifications, a client process (this file with --client) acks each one.
// Usage: node scripts/bare-ws.mjs --clients 1 --messages 1000 --payload 1500
// Prints {"clients","messages","rttP50Us","rttP99Us","count"} as JSON on stdout.
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { WebSocket, WebSocketServer } from 'ws';
import * as hdr from 'hdr-histogram-js';

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '1' }, messages: { type: 'string', default: '1000' }, payload: { type: 'string', default: '1500' }, warmup: { type: 'string', default: '5' }, client: { type: 'string' } },
});

if (values.client) {
  // Client process: connect N sockets, ack every notification.
  const n = Number(values.clients);
  let open = 0;
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(values.client, { perMessageDeflate: false });
    ws.on('message', (data) => {
      const note = JSON.parse(data.toString());
      ws.send(JSON.stringify({ seq: note.seq, payload: '' }));
    });
    ws.on('open', () => {
      if (++open === n) process.send('ready');
    });
  }
  process.on('disconnect', () => process.exit(0));
} else {
  const clients = Number(values.clients);
  const messages = Number(values.messages);
  const warmup = Number(values.warmup);
  const message = 'x'.repeat(Number(values.payload));
  const hist = hdr.build({ bitBucketSize: 32, numberOfSignificantValueDigits: 3 });
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const sockets = [];
  wss.on('connection', (ws) => sockets.push(ws));
  const child = fork(new URL(import.meta.url).pathname, ['--client', `ws://127.0.0.1:${wss.address().port}/`, '--clients', String(clients)]);
  await new Promise((r) => child.once('message', r));
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((done) => {
          let seq = 0;
          let t0 = 0;
          const send = () => {
            t0 = Number(process.hrtime.bigint());
            ws.send(JSON.stringify({ seq, sentAt: t0, message }), { binary: false });
          };
          ws.on('message', (data) => {
            const ack = JSON.parse(data.toString());
            const t1 = Number(process.hrtime.bigint());
            if (ack.seq >= warmup) hist.recordValue(Math.round((t1 - t0) / 1000));
            if (++seq < warmup + messages) send();
            else done();
          });
          send();
        }),
    ),
  );
  process.stdout.write(`${JSON.stringify({ clients, messages, rttP50Us: hist.getValueAtPercentile(50), rttP99Us: hist.getValueAtPercentile(99), count: hist.totalCount })}\n`);
  child.kill();
  wss.close();
  for (const ws of sockets) ws.terminate();
}
