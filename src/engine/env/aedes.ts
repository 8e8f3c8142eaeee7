/**
 * The embedded aedes broker, in a child process of its own (role `broker`) so that it
 * never shares an event loop with the pusher, the workers or the controller. Like every
 * child it exits when the controller goes away.
 */
import { spawnChild } from '../pool.js';
import type { FdLimits } from './ulimit.js';
import type { RunningBroker } from './broker.js';
import { BrokerDiedError, BrokerStartError } from './broker.js';
import { libraryVersion } from './sysinfo.js';
import type { Resources } from '../messages.js';

export interface AedesOptions {
  host: string;
  nagle: boolean;
  /** Descriptors the broker will hold: raises its soft limit if needed. */
  fds: number;
  limits: FdLimits;
}

export async function startAedes(o: AedesOptions): Promise<RunningBroker> {
  const child = await spawnChild('broker', { fds: o.fds, limits: o.limits });
  let stopping = false;
  let url: string;
  try {
    child.send({ type: 'prepare', host: o.host, nagle: o.nagle });
    url = (await child.next('prepared', 10_000)).endpoint;
  } catch (err) {
    await child.stop();
    throw new BrokerStartError(`the embedded aedes broker did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  const version = libraryVersion('aedes');
  return {
    kind: 'aedes',
    label: `aedes ${version} (embedded)`,
    version,
    url,
    pid: child.pid,
    died: child.exited.then((e) => (stopping ? new Promise<never>(() => undefined) : new BrokerDiedError(`the aedes broker ${e.message.replace(/^broker \d* ?/, '')}`))),
    onResources: (listener: (r: Resources) => void) =>
      child.listen((msg) => {
        if (msg.type === 'tick') listener(msg.resources);
      }),
    stop: async () => {
      stopping = true;
      await child.stop();
    },
  };
}
