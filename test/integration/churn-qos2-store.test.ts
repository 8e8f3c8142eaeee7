/**
 * MQTT QoS 2 across an abrupt drop, through a real mosquitto: mqtt.js hands a QoS 2 message
 * to the app on PUBREL and holds it in its incoming store after PUBREC. A proxy between the
 * churn link and the broker lets the client's PUBREC through, then kills the connection
 * before the broker's PUBREL reaches it: the message now exists only in the client's store.
 * After the reconnect the broker sends just the PUBREL, so the message arrives only if the
 * link kept its store across connections (a phone whose socket died, not its app).
 */
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChurnLink } from '../../src/engine/churn/links.js';
import { connectLink } from '../../src/engine/churn/links.js';
import type { ChurnCell } from '../../src/engine/churn/messages.js';
import type { RunningBroker } from '../../src/engine/env/broker.js';
import { findMosquitto, startMosquitto } from '../../src/engine/env/mosquitto.js';
import { connectMqtt, endMqtt, endpointFor, topics } from '../../src/engine/protocols/mqtt-common.js';
import { requireProgram } from '../helpers/run.js';
import { usePrivateTmpdir } from '../helpers/tmpdir.js';

const mosquitto = requireProgram('mosquitto');
usePrivateTmpdir();

const PUBREC = 0x50;

/** A TCP proxy to `port`; with `cutAfterPubrec` set, a connection stops passing the broker's bytes once the client sent a PUBREC, and dies 100 ms later. */
async function startProxy(port: number): Promise<{ url: string; stop: () => Promise<void>; cutAfterPubrec: { on: boolean }; cuts: number[] }> {
  const cutAfterPubrec = { on: false };
  const cuts: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    sockets.add(client).add(upstream);
    let held = false;
    client.on('data', (b: Buffer) => {
      upstream.write(b);
      if (cutAfterPubrec.on && !held && b.includes(PUBREC) && b[0] === PUBREC) {
        held = true;
        cutAfterPubrec.on = false;
        cuts.push(Date.now());
        setTimeout(() => {
          client.destroy();
          upstream.destroy();
        }, 100);
      }
    });
    upstream.on('data', (b: Buffer) => {
      if (!held) client.write(b);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no proxy port');
  const stop = async (): Promise<void> => {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => server.close(r));
  };
  return { url: `mqtt://127.0.0.1:${address.port}`, stop, cutAfterPubrec, cuts };
}

const cell = (id: string): ChurnCell =>
  ({
    id, mode: 'mqtt-qos2', clients: 1, dropShare: 1, ratePerClient: 1, baselineMs: 0, warmupMs: 0, durationMs: 1000, drainMs: 1000, payloadBytes: 8,
    encoding: 'json', host: '127.0.0.1', timeoutMs: 5000,
  }) as ChurnCell;

describe.skipIf(mosquitto.skip)(`churn MQTT QoS 2 link across an abrupt drop${mosquitto.skip ? ` (${mosquitto.reason})` : ''}`, () => {
  let broker: RunningBroker;
  let publisher: MqttClient;

  beforeAll(async () => {
    const file = (await findMosquitto())!;
    broker = await startMosquitto({ file, host: '127.0.0.1', maxConnections: 20, maxQueuedMessages: 1000, noDelay: true, fds: 64, limits: { soft: 1024, hard: 1024 } });
    publisher = await connectMqtt(broker.url, { clientId: 'pushtui-test-qos2-publisher', clean: true, nagle: false, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await endMqtt(publisher);
    await broker.stop();
  });

  it('a message PUBREC-ed just before the socket died is delivered after the reconnect', async () => {
    const proxy = await startProxy(Number(new URL(broker.url).port));
    const run = 'qos2store';
    const endpoint = endpointFor(proxy.url, run);
    const got: string[] = [];
    let closed = 0;
    let link: ChurnLink | undefined;
    const handlers = { onNotification: (bytes: Uint8Array) => got.push(Buffer.from(bytes).toString()), onClose: () => closed++ };
    try {
      link = await connectLink(cell('x'), endpoint, 'c0', handlers);
      proxy.cutAfterPubrec.on = true;
      await publisher.publishAsync(topics.down(run, 'c0'), 'exactly once', { qos: 2 });
      for (const until = Date.now() + 5000; closed === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
      expect(proxy.cuts).toHaveLength(1);
      expect(got).toEqual([]); // it was cut before the PUBREL: nothing handed over yet
      link = await connectLink(cell('x'), endpoint, 'c0', handlers);
      for (const until = Date.now() + 5000; got.length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual(['exactly once']);
    } finally {
      link?.destroy();
      await proxy.stop();
    }
  });
});
