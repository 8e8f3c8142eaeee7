/**
 * A capacity server process (role `pusher`): the ws or gRPC server on one loopback
 * address, or for MQTT the one shared publisher connection to the broker. It holds
 * connections, sends keep-alive-sized messages to a share of them when asked, and
 * reports its memory.
 */
import { nowNs } from '../clock.js';
import { codecFor, makePayload } from '../codec.js';
import type { ControllerMessage } from '../messages.js';
import { protocolFor } from '../protocols/index.js';
import type { PushSide } from '../protocols/types.js';
import type { CapacityCommand, ServerInit } from './messages.js';
import { bump, capacityScenario, encodingOf, measureMem, reply } from './child-common.js';

/** Batches the keep-alive sends are spread over. */
const SEND_BATCHES = 20;

export function startCapacityServer(): (msg: ControllerMessage) => Promise<void> {
  let push: PushSide | undefined;
  let init: ServerInit | undefined;
  const drops: Record<string, number> = {};

  return async (msg) => {
    if (msg.type === 'stop') {
      await push?.close();
      process.exit(0);
    }
    if (msg.type !== 'capacity') throw new Error(`capacity server got ${msg.type}`);
    const cmd = msg.body as CapacityCommand;
    switch (cmd.kind) {
      case 'server': {
        init = cmd;
        push = protocolFor(cmd.protocol).createPushSide(capacityScenario(cmd));
        const endpoint = await push.prepare({ onAck: () => undefined, onClose: (_id, reason) => bump(drops, reason) });
        reply({ kind: 'ready', endpoint, mem: measureMem() });
        return;
      }
      case 'measure':
        reply({ kind: 'mem', mem: measureMem(), links: push?.connected().size ?? 0, received: 0, drops });
        return;
      case 'send': {
        if (!push || !init) throw new Error('send before init');
        reply({ kind: 'sent', sent: await sendSample(push, init, cmd) });
        return;
      }
      case 'client':
      case 'connect':
        throw new Error(`capacity server got ${cmd.kind}`);
    }
  };
}

/** Sends one message to every k-th connected client (k from the share), spread over `spreadMs`. */
async function sendSample(push: PushSide, init: ServerInit, cmd: { sharePct: number; spreadMs: number; bytes: number }): Promise<number> {
  if (cmd.sharePct <= 0) return 0;
  const every = Math.max(1, Math.round(100 / cmd.sharePct));
  const ids = [...push.connected()].filter((_, i) => i % every === 0);
  const codec = codecFor(encodingOf(init.protocol));
  const message = makePayload(cmd.bytes);
  const perBatch = Math.ceil(ids.length / SEND_BATCHES);
  let sent = 0;
  for (let b = 0; b < SEND_BATCHES && sent < ids.length; b++) {
    for (const id of ids.slice(b * perBatch, (b + 1) * perBatch)) {
      push.send(id, codec.encodeNotification({ seq: sent, sentAt: nowNs(), message }));
      sent++;
    }
    await new Promise((r) => setTimeout(r, cmd.spreadMs / SEND_BATCHES));
  }
  return sent;
}
