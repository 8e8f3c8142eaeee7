/**
 * The MQTT push side: publisher connection(s) to the broker. `per-client` (the default,
 * like the original study) opens one connection per client, which publishes its
 * notifications and subscribes to its acks; `shared` opens one connection for all,
 * subscribed to `ack/+`. Bytes are counted on the publisher sockets, so broker-level
 * PUBACK / PUBREC / PUBREL / PUBCOMP traffic is part of the wire figures.
 */
import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';
import type { Scenario } from '../scenario.js';
import type { PushHandlers, PushSide } from './types.js';
import { SocketBytes } from './ws.js';
import type { MqttSettings } from './mqtt-common.js';
import { clientOf, connectMqtt, endMqtt, endpointFor, mqttSettings, newRunId, subscribeOrThrow, toBuffer, topics } from './mqtt-common.js';

/** Publisher connections that may be mid-handshake at once. */
const CONNECT_CONCURRENCY = 256;

export class MqttPushSide implements PushSide {
  private readonly run = newRunId();
  private readonly settings: MqttSettings;
  private readonly links = new Map<string, MqttClient>();
  private readonly ready = new Set<string>();
  private readonly conns = new Set<MqttClient>();
  private readonly bytes = new SocketBytes();
  private closing = false;

  constructor(private readonly scenario: Scenario) {
    this.settings = mqttSettings(scenario);
  }

  async prepare(handlers: PushHandlers): Promise<string> {
    if (!this.settings.brokerUrl) throw new Error('mqtt scenario has no broker URL');
    const ids = Array.from({ length: this.scenario.clients }, (_, i) => `c${i}`);
    if (this.settings.publishers === 'shared') {
      await this.open('shared', ids, handlers, '+');
    } else {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < ids.length) {
          const id = ids[next++];
          if (id !== undefined) await this.open(id, [id], handlers, id);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, ids.length) }, lane));
    }
    if (this.settings.retained) await Promise.all(ids.map((id) => this.setLastKnownValue(id, `last known value of ${id}`)));
    return endpointFor(this.settings.brokerUrl, this.run);
  }

  /** Opens one publisher connection serving `served`, subscribed to their acks and wills. */
  private async open(name: string, served: string[], handlers: PushHandlers, filter: string): Promise<void> {
    const client = await connectMqtt(this.settings.brokerUrl, {
      clientId: `pushtui-${this.run}-p-${name}`,
      clean: !this.settings.persistent,
      nagle: this.scenario.nagle,
      timeoutMs: this.scenario.timeoutMs,
    });
    this.conns.add(client);
    this.bytes.add(client.stream as Socket);
    let reason = 'closed';
    client.on('error', (err: Error & { code?: unknown }) => (reason = typeof err.code === 'string' ? err.code : err.message.slice(0, 60)));
    client.on('message', (topic: string, payload: Buffer) => {
      const kind = topic.split('/')[2];
      if (kind === 'ack') handlers.onAck(clientOf(topic), payload);
      else if (kind === 'gone') handlers.onClose(clientOf(topic), 'client dropped (will)');
    });
    client.once('close', () => {
      this.conns.delete(client);
      for (const id of served) this.ready.delete(id);
      if (!this.closing) for (const id of served) handlers.onClose(id, `publisher ${reason}`);
    });
    await subscribeOrThrow(client, topics.ack(this.run, filter), this.settings.qos);
    await subscribeOrThrow(client, topics.gone(this.run, filter), 1);
    for (const id of served) {
      this.links.set(id, client);
      this.ready.add(id);
    }
  }

  /** Publishes (or with an empty payload, clears) a client's retained value; resolves when the broker has it. */
  private async setLastKnownValue(id: string, value: string): Promise<void> {
    const link = this.links.get(id);
    if (link?.connected) await link.publishAsync(topics.lkv(this.run, id), value, { qos: 1, retain: true });
  }

  /** Client ids whose publisher connection is up and subscribed to their acks. */
  connected(): ReadonlySet<string> {
    return new Set(this.ready);
  }

  send(clientId: string, bytes: Uint8Array): void {
    const link = this.links.get(clientId);
    if (link?.connected) link.publish(topics.down(this.run, clientId), toBuffer(bytes), { qos: this.settings.qos }, noop);
  }

  wireBytes(): { sent: number; received: number } {
    return this.bytes.totals();
  }

  async close(): Promise<void> {
    if (this.settings.retained) await Promise.allSettled([...this.links.keys()].map((id) => this.setLastKnownValue(id, '')));
    this.closing = true;
    await Promise.all([...this.conns].map((c) => endMqtt(c)));
    this.links.clear();
    this.ready.clear();
  }
}

function noop(): void {
  // publish errors surface as the connection's 'close'
}
