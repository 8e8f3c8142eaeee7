/**
 * Entry point of capacity children: `node [--expose-gc] child-main.js pusher|worker`.
 * `pusher` is a server process, `worker` a client process. Like every child, it talks
 * to the controller over IPC only and exits when the controller's channel closes.
 */
import { fail, onControllerMessage, send } from '../child/ipc.js';
import { startCapacityClient } from './client-child.js';
import { startCapacityServer } from './server-child.js';

const role = process.argv[2];
if (role !== 'pusher' && role !== 'worker') {
  process.stderr.write('usage: child-main.js pusher|worker (started by pushtui capacity)\n');
  process.exit(2);
}
if (!process.send) {
  process.stderr.write('pushtui capacity child: no IPC channel (started by pushtui only)\n');
  process.exit(2);
}

process.on('uncaughtException', (err) => {
  try {
    fail(err);
  } catch {
    // fail() rethrows for callers; here it has already reported and scheduled the exit.
  }
});

onControllerMessage(role === 'pusher' ? startCapacityServer() : startCapacityClient());
send({ type: 'hello', role, pid: process.pid });
