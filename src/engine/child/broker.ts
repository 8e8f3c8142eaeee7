/**
 * The embedded MQTT broker process (aedes), used when mosquitto is missing or asked for.
 * It listens on a free port, reports its own CPU and memory every tick like the other
 * children, and exits when the controller's IPC channel closes.
 */
import type { Server } from 'node:net';
import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import type { ControllerMessage } from '../messages.js';
import { send, TICK_MS } from './ipc.js';
import { ResourceSampler } from './resources.js';

export function startBroker(): (msg: ControllerMessage) => Promise<void> {
  let broker: Aedes | undefined;
  let server: Server | undefined;
  const resources = new ResourceSampler();
  const ticker = setInterval(() => {
    send({ type: 'tick', role: 'broker', sample: 0, hist: {}, events: 0, resources: resources.sample() });
  }, TICK_MS);

  return async (msg) => {
    switch (msg.type) {
      case 'prepare': {
        const host = msg.host ?? '127.0.0.1';
        const aedes = await Aedes.createBroker();
        broker = aedes;
        const srv = createServer({ noDelay: !msg.nagle }, (socket) => aedes.handle(socket));
        server = srv;
        await new Promise<void>((resolve, reject) => {
          srv.once('error', reject);
          srv.listen({ port: 0, host, backlog: 4096 }, resolve);
        });
        const addr = srv.address();
        if (typeof addr !== 'object' || !addr) throw new Error('aedes server has no port');
        send({ type: 'prepared', endpoint: `mqtt://${host.includes(':') ? `[${host}]` : host}:${addr.port}` });
        return;
      }
      case 'stop':
        clearInterval(ticker);
        resources.stop();
        server?.close();
        await new Promise<void>((resolve) => (broker ? broker.close(() => resolve()) : resolve()));
        process.exit(0);
        return;
      case 'init':
      case 'connect':
      case 'go':
      case 'disconnect':
      case 'capacity':
        throw new Error(`broker got ${msg.type}`);
    }
  };
}
