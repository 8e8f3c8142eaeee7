/**
 * Entry point of the churn children: `node child-main.js pusher|worker`, started by the
 * churn controller with an IPC channel; they exit when that channel closes.
 */
import { codecFor } from '../codec.js';
import { protocolFor } from '../protocols/index.js';
import type { PushSide } from '../protocols/types.js';
import { scenarioOf } from './cell.js';
import type { ChurnChildMessage, ChurnControllerMessage } from './messages.js';
import { MODE_INFO } from './modes.js';
import { Outbox } from './outbox.js';
import { ChurnPusher } from './pusher.js';
import { ChurnWorker } from './worker.js';

function send(msg: ChurnChildMessage): void {
  if (process.connected) process.send?.(msg);
}

function fail(err: unknown): void {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  setTimeout(() => process.exit(1), 50);
}

const role = process.argv[2];
if ((role !== 'pusher' && role !== 'worker') || !process.send) {
  process.stderr.write('usage: child-main.js pusher|worker (started by pushtui churn)\n');
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));
setInterval(() => {
  if (!process.connected) process.exit(0);
}, 1000).unref();
process.on('uncaughtException', fail);

const ac = new AbortController();
let push: PushSide | undefined;
let outbox: Outbox | undefined;
let pusher: ChurnPusher | undefined;
let worker: ChurnWorker | undefined;
let clientIds: string[] = [];
let progress: NodeJS.Timeout | undefined;

async function handle(msg: ChurnControllerMessage): Promise<void> {
  switch (msg.type) {
    case 'init': {
      const codec = codecFor(scenarioOf(msg.cell).encoding);
      clientIds = msg.clientIds;
      if (role === 'worker') {
        worker = new ChurnWorker(msg.cell, codec, msg.clientIds, msg.schedule);
        return;
      }
      push = protocolFor(MODE_INFO[msg.cell.mode].protocol).createPushSide(scenarioOf(msg.cell));
      if (MODE_INFO[msg.cell.mode].outbox) {
        if (!msg.cell.redisUrl) throw new Error('outbox mode without a Redis URL');
        outbox = new Outbox(msg.cell.redisUrl, msg.cell.runId);
      }
      pusher = new ChurnPusher(msg.cell, push, codec, outbox, msg.clientIds);
      return;
    }
    case 'prepare': {
      if (!push || !pusher) throw new Error('prepare before init');
      await outbox?.open();
      const p = pusher;
      const endpoint = await push.prepare({ onAck: (id, b) => p.onAck(id, b), onClose: (id, r) => p.onClose(id, r) });
      send({ type: 'prepared', endpoint });
      return;
    }
    case 'connect': {
      if (!worker) throw new Error('connect before init');
      send({ type: 'connected', ...(await worker.connectAll(msg.endpoint)) });
      return;
    }
    case 'go': {
      if (worker) return worker.go(msg.t0Ns);
      if (!pusher) throw new Error('go before init');
      const p = pusher;
      progress = setInterval(() => send({ type: 'progress', ...p.progress() }), 500);
      const total = await p.run(msg.t0Ns, ac.signal);
      clearInterval(progress);
      send({ type: 'sent', total });
      return;
    }
    case 'finish': {
      if (!worker) throw new Error('finish before init');
      send({ type: 'worker-report', ...(await worker.finish()) });
      return;
    }
    case 'classify': {
      if (!pusher) throw new Error('classify before init');
      send({ type: 'pusher-report', report: pusher.report(msg.windows) });
      return;
    }
    case 'stop':
      ac.abort();
      clearInterval(progress);
      if (worker) await worker.finish();
      await push?.close();
      await outbox?.close(clientIds);
      process.exit(0);
  }
}

process.on('message', (raw) => {
  handle(raw as ChurnControllerMessage).catch(fail);
});
send({ type: 'hello', role, pid: process.pid });
