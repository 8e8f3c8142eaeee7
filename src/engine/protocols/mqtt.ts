/**
 * MQTT (mqtt.js 5, MQTT 3.1.1) through a real broker: mosquitto, the embedded aedes, or
 * an external one (see env/broker.ts). Every message crosses two TCP hops
 * (publisher -> broker -> client). Each QoS in the plan is a matrix row (`qos0`..`qos2`);
 * `--mqtt-retained` adds a `retained` row (see mqtt-client.ts for what it measures).
 */
import type { Plan } from '../plan.js';
import type { Scenario, VariantOptions } from '../scenario.js';
import type { FairnessFacts, Protocol } from './types.js';
import { mqttSettings } from './mqtt-common.js';
import type { Qos } from './mqtt-common.js';
import { MqttClientSide } from './mqtt-client.js';
import { MqttPushSide } from './mqtt-push.js';

/** The QoS the retained row runs at: the broker stores and delivers the value at least once. */
export const RETAINED_QOS: Qos = 1;

const HOP_ACKS: Record<Qos, string> = {
  0: 'no broker-level acknowledgement (QoS 0, at most once)',
  1: 'plus PUBACK on each hop (QoS 1, at least once)',
  2: 'plus PUBREC/PUBREL/PUBCOMP on each hop (QoS 2, exactly once)',
};

export function mqttVariants(plan: Plan): { label: string; options: VariantOptions }[] {
  const shared = { publishers: plan.mqttPublishers, session: plan.mqttSession };
  const rows: { label: string; options: VariantOptions }[] = plan.qos.map((qos) => ({ label: `qos${qos}`, options: { ...shared, qos } }));
  if (plan.mqttRetained) rows.push({ label: 'retained', options: { ...shared, qos: RETAINED_QOS, retained: true } });
  return rows;
}

export function mqttFacts(s: Scenario): FairnessFacts {
  const m = mqttSettings(s);
  const publishers = m.publishers === 'shared' ? 1 : s.clients;
  const broker = typeof s.options.broker === 'string' ? s.options.broker : 'broker';
  const notes = [
    `${broker}; two TCP hops per message (publisher -> broker -> client)`,
    ...(broker.startsWith('mosquitto') ? ['mosquitto started with max_inflight_messages 0 (no inflight window)'] : []),
    m.publishers === 'shared' ? 'one shared publisher connection' : 'one publisher connection per client',
    `${m.persistent ? 'persistent sessions (clean=false, stable client ids)' : 'clean sessions'}; MQTT 3.1.1`,
    'topics pushtui/<run>/c/<client> down, pushtui/<run>/ack/<client> up',
    'wire bytes counted on the publisher sockets, broker-level QoS packets included',
  ];
  if (m.retained) {
    notes.push(
      'retained row: a retained last-known value per client; before each notification is handed over the client ' +
        'takes a fresh subscription (SUBSCRIBE -> retained value -> UNSUBSCRIBE), so rtt/one-way = delivery + that; ' +
        `compare with the qos${RETAINED_QOS} row`,
    );
  }
  return {
    tcpConnections: s.clients + publishers,
    ackMeaning: `an application Ack published by the client (QoS ${m.qos}) through the broker to the publisher; ${HOP_ACKS[m.qos]}`,
    nagle: s.nagle ? 'on' : 'off',
    notes,
  };
}

export const mqttProtocol: Protocol = {
  name: 'mqtt',
  encodings: (plan) => plan.encodings,
  variants: mqttVariants,
  facts: mqttFacts,
  createPushSide: (s) => new MqttPushSide(s),
  createClientSide: (s) => new MqttClientSide(s, mqttSettings(s)),
};
