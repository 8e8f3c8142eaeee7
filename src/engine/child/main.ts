/**
 * Entry point of every child process: `node main.js pusher|worker|broker`. Children talk to
 * the controller over Node IPC only, and exit when the controller's channel closes.
 *
 * This file imports nothing heavy on purpose: signal handling must be in place before the
 * protocol libraries load (hundreds of ms), or a Ctrl-C in that window would kill the child.
 */

// Ctrl-C in a terminal signals the whole process group: the controller owns shutdown and
// stops its children in order, so a child must not die from the keystroke on its own.
process.on('SIGINT', () => undefined);

const role = process.argv[2];
if (role !== 'pusher' && role !== 'worker' && role !== 'broker') {
  process.stderr.write('usage: main.js pusher|worker|broker (started by pushtui)\n');
  process.exit(2);
}
if (!process.send) {
  process.stderr.write('pushtui child: no IPC channel (started by pushtui only)\n');
  process.exit(2);
}

const { startChild } = await import('./start.js');
startChild(role);
