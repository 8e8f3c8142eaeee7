/**
 * Entry point of every child process: `node main.js pusher|worker|broker`. Children talk to
 * the controller over Node IPC only, and exit when the controller's channel closes.
 */
import { fail, onControllerMessage, send } from './ipc.js';
import { startBroker } from './broker.js';
import { startPusher } from './pusher.js';
import { startWorker } from './worker.js';

const role = process.argv[2];
if (role !== 'pusher' && role !== 'worker' && role !== 'broker') {
  process.stderr.write('usage: main.js pusher|worker|broker (started by pushtui)\n');
  process.exit(2);
}
if (!process.send) {
  process.stderr.write('pushtui child: no IPC channel (started by pushtui only)\n');
  process.exit(2);
}

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
