/**
 * Persistent MQTT sessions through a real mosquitto: what the broker queued for a client
 * while it was away arrives right after CONNACK, before SUBACK. The engine's client side
 * must surface those messages (the worker then decides what they count as), and a clean
 * session must keep getting nothing of the kind.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMosquitto, startMosquitto } from '../../src/engine/env/mosquitto.js';
import type { RunningBroker } from '../../src/engine/env/broker.js';
import { parsePlan } from '../../src/engine/plan.js';
import { mqttProtocol } from '../../src/engine/protocols/mqtt.js';
import { MqttClientSide } from '../../src/engine/protocols/mqtt-client.js';
import { connectMqtt, endMqtt, endpointFor, mqttSettings, topics } from '../../src/engine/protocols/mqtt-common.js';
import type { ClientHandlers } from '../../src/engine/protocols/types.js';
import { expandScenarios } from '../../src/engine/scenario.js';
import { isAlive, requireProgram } from '../helpers/run.js';

const mosquitto = requireProgram('mosquitto');
const QUEUED = 20;

describe.skipIf(mosquitto.skip)(`MQTT client side and a session's queued messages${mosquitto.skip ? ` (${mosquitto.reason})` : ''}`, () => {
  let broker: RunningBroker;
  let publisher: MqttClient;

  beforeAll(async () => {
    const file = (await findMosquitto())!;
    broker = await startMosquitto({ file, host: '127.0.0.1', maxConnections: 20, maxQueuedMessages: 1000, noDelay: true, fds: 64, limits: { soft: 1024, hard: 1024 } });
    publisher = await connectMqtt(broker.url, { clientId: 'pushtui-test-publisher', clean: true, nagle: false, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await endMqtt(publisher);
    await broker.stop();
    expect(isAlive(broker.pid!)).toBe(false);
  });

  /** Connects, leaves, has QUEUED QoS 1 messages published while away, reconnects, then publishes a marker. */
  async function awayAndBack(session: 'persistent' | 'clean', run: string): Promise<string[]> {
    const [s] = expandScenarios(parsePlan({ protocols: ['mqtt'], clients: [1], messages: [1], qos: [1], mqttSession: session }), () => mqttProtocol);
    const scenario = { ...s!, options: { ...s!.options, brokerUrl: broker.url } };
    const side = new MqttClientSide(scenario, mqttSettings(scenario));
    const endpoint = endpointFor(broker.url, run);
    const got: string[] = [];
    const handlers: ClientHandlers = { onNotification: (bytes) => got.push(Buffer.from(bytes).toString()), onClose: () => undefined };
    try {
      await (await side.connect(endpoint, 'c0', handlers)).close();
      for (let i = 0; i < QUEUED; i++) await publisher.publishAsync(topics.down(run, 'c0'), `queued ${i}`, { qos: 1 });
      await side.connect(endpoint, 'c0', handlers);
      // The broker delivers a session's queue in order and before anything published later:
      // once the marker is here, every queued message that will ever come has come.
      const marker = new Promise<void>((resolve) => {
        const poll = (): void => void (got.includes('marker') ? resolve() : setTimeout(poll, 5));
        poll();
      });
      await publisher.publishAsync(topics.down(run, 'c0'), 'marker', { qos: 1 });
      await marker;
    } finally {
      await side.close();
    }
    return got;
  }

  it('a persistent session surfaces every message queued while the client was away, in order', async () => {
    const got = await awayAndBack('persistent', 'persist1');
    expect(got).toEqual([...Array.from({ length: QUEUED }, (_, i) => `queued ${i}`), 'marker']);
  });

  it('a clean session gets nothing from before it connected', async () => {
    expect(await awayAndBack('clean', 'clean1')).toEqual(['marker']);
  });
});
