/**
 * `node reaper.js <pid>`: a watchdog for a non-Node child (mosquitto, redis-server) that has
 * no IPC channel of its own. It exits with its target, and when the controller dies (its
 * IPC channel closes, even on SIGKILL) it stops the target: SIGTERM, then SIGKILL.
 */
process.on('SIGINT', () => undefined);

const target = Number(process.argv[2]);
const POLL_MS = 500;
const GRACE_MS = 2000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let stopping = false;
function stopTarget(): void {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(target, 'SIGTERM');
  } catch {
    process.exit(0);
  }
  setTimeout(() => {
    if (alive(target)) process.kill(target, 'SIGKILL');
    process.exit(0);
  }, GRACE_MS);
}

if (!Number.isInteger(target) || target <= 0 || !process.send) {
  process.stderr.write('usage: reaper.js <pid> (started by pushtui)\n');
  process.exit(2);
}
process.on('disconnect', stopTarget);
setInterval(() => {
  if (!alive(target)) process.exit(0);
  if (!process.connected) stopTarget();
}, POLL_MS);

export {};
