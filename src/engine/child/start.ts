/** Starts a child's role once main.ts has its signal handling in place. */
import { startBroker } from './broker.js';
import { fail, onControllerMessage, send } from './ipc.js';
import { startPusher } from './pusher.js';
import { startWorker } from './worker.js';

export function startChild(role: 'pusher' | 'worker' | 'broker'): void {
  process.on('uncaughtException', (err) => {
    try {
      fail(err);
    } catch {
      // fail() rethrows for callers; here it has already reported and scheduled the exit.
    }
  });
  const handle = role === 'pusher' ? startPusher() : role === 'broker' ? startBroker() : startWorker();
  onControllerMessage(handle);
  send({ type: 'hello', role, pid: process.pid });
}
