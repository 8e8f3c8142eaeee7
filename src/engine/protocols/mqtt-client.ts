/**
 * The MQTT client side: one broker connection per client, subscribed to its downlink
 * (`connect` resolves after SUBACK), publishing acks on its uplink at the same QoS, with
 * a will on `gone/<client>` so the push side hears of a dropped client at once. It listens
 * from before CONNACK, so a persistent session's queued messages all reach the handler
 * (the worker counts those of an earlier sample apart: see child/client-tally.ts).
 *
 * Retained row: before a notification is handed over, the client takes a fresh
 * subscription to its last-known-value topic and waits for the retained value, then
 * unsubscribes; so that row's latencies are a normal delivery plus SUBSCRIBE -> value.
 */
import type { IPublishPacket, MqttClient } from 'mqtt';
import type { Scenario } from '../scenario.js';
import type { ClientHandlers, ClientLink, ClientSide } from './types.js';
import type { MqttSettings, Qos } from './mqtt-common.js';
import { connectMqtt, endMqtt, parseEndpoint, subscribeOrThrow, toBuffer, topics } from './mqtt-common.js';

export class MqttClientSide implements ClientSide {
  private readonly clients = new Set<MqttClient>();

  constructor(
    private readonly scenario: Scenario,
    private readonly settings: MqttSettings,
  ) {}

  async connect(endpoint: string, clientId: string, handlers: ClientHandlers): Promise<ClientLink> {
    const { brokerUrl, run } = parseEndpoint(endpoint);
    const { qos, persistent } = this.settings;
    const down = topics.down(run, clientId);
    // Set once subscribed; until then a message on `down` can only be one a persistent
    // session queued while we were away (nothing is published to us before we report
    // connected), so it goes straight to the handler, without a retained fetch.
    let fetcher: RetainedFetcher | undefined;
    const client = await connectMqtt(brokerUrl, {
      clientId: `pushtui-${run}-${clientId}`,
      clean: !persistent,
      nagle: this.scenario.nagle,
      timeoutMs: this.scenario.timeoutMs,
      will: { topic: topics.gone(run, clientId), payload: Buffer.alloc(0), qos: 1, retain: false },
      onMessage: (topic, payload, packet) => {
        if (topic !== down) fetcher?.onMessage(topic, packet);
        else if (fetcher) fetcher.then(() => handlers.onNotification(payload));
        else handlers.onNotification(payload);
      },
    });
    let reason = 'closed';
    let closing = false;
    client.on('error', (err: Error & { code?: unknown }) => (reason = typeof err.code === 'string' ? err.code : err.message.slice(0, 60)));
    try {
      await subscribeOrThrow(client, down, qos);
    } catch (err) {
      client.end(true);
      throw err;
    }
    this.clients.add(client);
    if (this.settings.retained) fetcher = new RetainedFetcher(client, topics.lkv(run, clientId), qos);
    client.once('close', () => {
      this.clients.delete(client);
      if (!closing) handlers.onClose(reason);
    });
    const ack = topics.ack(run, clientId);
    return {
      sendAck: (bytes) => {
        if (client.connected) client.publish(ack, toBuffer(bytes), { qos }, noop);
      },
      close: async () => {
        closing = true;
        await endMqtt(client);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients].map((c) => endMqtt(c, 200)));
    this.clients.clear();
  }
}

/** One fresh subscription to a retained topic at a time: SUBSCRIBE, wait for the retained value, UNSUBSCRIBE. */
class RetainedFetcher {
  private chain: Promise<void> = Promise.resolve();
  private arrived: (() => void) | undefined;

  constructor(
    private readonly client: MqttClient,
    private readonly topic: string,
    private readonly qos: Qos,
  ) {}

  /** Runs `after` once a fresh subscription has delivered the retained value. */
  then(after: () => void): void {
    this.chain = this.chain.then(() => this.fetch(after)).catch(noop);
  }

  onMessage(topic: string, packet: IPublishPacket): void {
    if (topic === this.topic && packet.retain) this.arrived?.();
  }

  private async fetch(after: () => void): Promise<void> {
    const value = new Promise<void>((resolve) => (this.arrived = resolve));
    await subscribeOrThrow(this.client, this.topic, this.qos);
    await value;
    this.arrived = undefined;
    after();
    await this.client.unsubscribeAsync(this.topic);
  }
}

function noop(): void {
  // failures surface as the connection's 'close'
}
