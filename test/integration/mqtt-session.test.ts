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
import { nowNs } from '../../src/engine/clock.js';
import { codecFor } from '../../src/engine/codec.js';
import { snapshotMarkdown } from '../../src/engine/report/markdown.js';
import { mosquittoTempDirs, tinyMqttPlan } from '../helpers/mqtt.js';
import { collectRun, expectAllGone, isAlive, requireProgram } from '../helpers/run.js';
import { usePrivateTmpdir } from '../helpers/tmpdir.js';

const mosquitto = requireProgram('mosquitto');
const QUEUED = 20;

usePrivateTmpdir();

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
    expect(mosquittoTempDirs()).toEqual([]);
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

  /**
   * In `pushtui run` a client keeps its id for every sample of a scenario, so a persistent
   * session carries over what an earlier sample left at the broker (e.g. after a timeout).
   * Here a third party injects such notifications (sentAt before the run) on the client's
   * downlink during sample 1: they arrive while it is connected or, queued, when it
   * reconnects for sample 2. Either way each is counted once as stale, never as a delivery.
   */
  it('pushtui run counts notifications from an earlier sample as stale, apart from its own', async () => {
    const injected = 7;
    const staleSentAt = nowNs();
    const json = codecFor('json');
    const observer = await connectMqtt(broker.url, { clientId: 'pushtui-test-observer', clean: true, nagle: false, timeoutMs: 5000 });
    let target = '';
    observer.on('message', (topic: string) => {
      if (target) return;
      target = topic;
      for (let seq = 0; seq < injected; seq++) observer.publish(topic, Buffer.from(json.encodeNotification({ seq, sentAt: staleSentAt, message: 'left over' })), { qos: 1 });
    });
    await observer.subscribeAsync('pushtui/+/c/+', { qos: 1 });
    try {
      const run = await collectRun(tinyMqttPlan({ broker: broker.url, clients: [1], messages: [20], qos: [1], mqttSession: 'persistent', samples: 2 }));
      expect(target).toMatch(/^pushtui\/\w+\/c\/c0$/);
      const s = run.result!.scenarios[0]!;
      expect(s.status, s.error).toBe('ok');
      expect(s.counts).toMatchObject({ staleAtClient: injected, duplicatesAtClient: 0, outOfOrder: 0, unexpectedAcks: 0, duplicateAcks: 0, lost: 0, acked: 2 * 21 });
      expect(s.failures).toBe(0);
      expect(s.latency.oneWayUs.count).toBe(2 * 20);
      expect(s.latency.rttUs.count).toBe(2 * 20);
      expect(snapshotMarkdown(run.result!)).toContain(`from an earlier sample (persistent session, not counted as delivered) ${injected}`);
      await expectAllGone(run.pids);
    } finally {
      await endMqtt(observer);
    }
  });
});
