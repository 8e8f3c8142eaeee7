import { describe, expect, it } from 'vitest';
import { chooseBroker, redactPlan, redactUrl } from '../../src/engine/env/broker.js';
import { mosquittoConfig } from '../../src/engine/env/mosquitto.js';
import { parsePlan, PlanError, PRESETS } from '../../src/engine/plan.js';
import { brokerFds, checkFds } from '../../src/engine/preflight.js';
import { protocolFor } from '../../src/engine/protocols/index.js';
import { mqttFacts } from '../../src/engine/protocols/mqtt.js';
import { endpointFor, parseEndpoint } from '../../src/engine/protocols/mqtt-common.js';
import { expandScenarios } from '../../src/engine/scenario.js';
import { queuedMessagesFor } from '../../src/engine/services.js';

const NOWHERE = { pathEnv: '/nonexistent', extraDirs: [] };

describe('MQTT plan fields', () => {
  it('defaults to QoS 1, auto broker, per-client publishers, clean sessions', () => {
    const p = parsePlan({});
    expect(p.qos).toEqual([1]);
    expect(p.broker).toBe('auto');
    expect(p.mqttPublishers).toBe('per-client');
    expect(p.mqttSession).toBe('clean');
    expect(p.mqttRetained).toBe(false);
  });

  it('makes each QoS and the retained option a matrix row', () => {
    const plan = parsePlan({ protocols: ['mqtt'], qos: [0, 1, 2], mqttRetained: true, clients: [2], messages: [5] });
    const ids = expandScenarios(plan, protocolFor).map((s) => s.id);
    expect(ids).toEqual(['mqtt-qos0/json/1500B/5m/2c', 'mqtt-qos1/json/1500B/5m/2c', 'mqtt-qos2/json/1500B/5m/2c', 'mqtt-retained/json/1500B/5m/2c']);
  });

  it('rejects bad QoS and broker values with the flag name', () => {
    expect(() => parsePlan({ qos: [3] })).toThrow(/--qos: must be at most 2/);
    expect(() => parsePlan({ broker: 'rabbit' })).toThrow(/--broker: broker must be auto, mosquitto, aedes or mqtt:\/\/host:port/);
    expect(() => parsePlan({ broker: 'http://x:1' })).toThrow(PlanError);
    expect(parsePlan({ broker: 'mqtt://u:p@example.org:1883' }).broker).toBe('mqtt://u:p@example.org:1883');
  });

  it('puts MQTT in the seed preset', () => {
    expect(parsePlan(PRESETS.seed).protocols).toContain('mqtt');
  });
});

describe('MQTT fairness facts', () => {
  const scenario = (input: object) => expandScenarios(parsePlan({ protocols: ['mqtt'], clients: [10], ...input }), protocolFor)[0]!;

  it('counts client and publisher connections', () => {
    expect(mqttFacts(scenario({})).tcpConnections).toBe(20);
    expect(mqttFacts(scenario({ mqttPublishers: 'shared' })).tcpConnections).toBe(11);
  });

  it('says what an ack means at each QoS', () => {
    expect(mqttFacts(scenario({ qos: [0] })).ackMeaning).toMatch(/QoS 0.*no broker-level/);
    expect(mqttFacts(scenario({ qos: [1] })).ackMeaning).toMatch(/PUBACK/);
    expect(mqttFacts(scenario({ qos: [2] })).ackMeaning).toMatch(/PUBREC\/PUBREL\/PUBCOMP/);
  });
});

describe('broker choice', () => {
  it('falls back to aedes with a notice that says how to install mosquitto', async () => {
    const { choice, notices } = await chooseBroker('auto', NOWHERE);
    expect(choice.kind).toBe('aedes');
    expect(notices.join('\n')).toMatch(/aedes.*apt-get install mosquitto.*brew install mosquitto/);
  });

  it('refuses --broker mosquitto when it is not installed, in one line', async () => {
    const err = await chooseBroker('mosquitto', NOWHERE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanError);
    expect((err as Error).message).toMatch(/^--broker mosquitto: mosquitto is not installed; .*apt-get install mosquitto/);
    expect((err as Error).message).not.toContain('\n');
  });

  it('never reports broker credentials', async () => {
    const url = 'mqtt://alice:s3cret@broker.example:1883';
    expect(redactUrl(url)).toBe('mqtt://broker.example:1883');
    expect(JSON.stringify(redactPlan(parsePlan({ broker: url })))).not.toContain('s3cret');
    const { choice, notices } = await chooseBroker(url, NOWHERE);
    expect(choice).toEqual({ kind: 'external', url });
    expect(notices.join()).not.toContain('s3cret');
  });

  it('carries the run id in the endpoint', () => {
    const e = endpointFor('mqtt://u:p@127.0.0.1:1883', 'abc');
    expect(parseEndpoint(e)).toEqual({ brokerUrl: 'mqtt://u:p@127.0.0.1:1883', run: 'abc' });
  });
});

describe('mosquitto config and limits', () => {
  it('binds loopback, turns Nagle off and holds a burst', () => {
    const conf = mosquittoConfig({ host: '127.0.0.1', port: 1234, maxConnections: 40, maxQueuedMessages: 5000, noDelay: true });
    expect(conf).toContain('listener 1234 127.0.0.1');
    expect(conf).toContain('allow_anonymous true');
    expect(conf).toContain('persistence false');
    expect(conf).toContain('set_tcp_nodelay true');
    expect(conf).toContain('max_connections 40');
    expect(conf).toContain('max_queued_messages 5000');
    expect(queuedMessagesFor(parsePlan({ messages: [10_000], warmupMessages: 5 }))).toBe(20_010);
  });

  it('checks the broker against the open-file limit', () => {
    const plan = parsePlan({ protocols: ['mqtt'], clients: [600] });
    const scenarios = expandScenarios(plan, protocolFor);
    expect(brokerFds(scenarios[0]!, plan)).toBe(1200 + 64);
    expect(() => checkFds(plan, scenarios, { soft: 1024, hard: 1024 })).toThrow(/1264 open files/);
    const external = parsePlan({ protocols: ['mqtt'], clients: [600], broker: 'mqtt://10.0.0.1:1883' });
    expect(brokerFds(scenarios[0]!, external)).toBe(0);
  });
});
