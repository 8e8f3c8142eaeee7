/**
 * What the MQTT push and client sides share: topic names, the scenario's MQTT settings,
 * and a connect that resolves on CONNACK (rejecting with a countable code otherwise).
 *
 *   pushtui/<run>/c/<client>     notifications, publisher -> client
 *   pushtui/<run>/ack/<client>   acks, client -> publisher
 *   pushtui/<run>/gone/<client>  the client's will: the broker publishes it if the client drops
 *   pushtui/<run>/lkv/<client>   retained last-known value (the `retained` row only)
 *
 * `<run>` is new for every pusher process, so scenarios never see each other's messages.
 */
import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { connect } from 'mqtt';
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { Scenario } from '../scenario.js';

export type Qos = 0 | 1 | 2;

/** The MQTT settings of one scenario, read from its options (set by `variants()` and the run's broker). */
export interface MqttSettings {
  qos: Qos;
  retained: boolean;
  publishers: 'per-client' | 'shared';
  persistent: boolean;
  /** Where the broker is, credentials included (never reported). */
  brokerUrl: string;
}

export class MqttConnectError extends Error {
  override name = 'MqttConnectError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function mqttSettings(s: Scenario): MqttSettings {
  const o = s.options;
  const qos = Number(o.qos ?? 1);
  return {
    qos: qos === 0 || qos === 2 ? qos : 1,
    retained: o.retained === true,
    publishers: o.publishers === 'shared' ? 'shared' : 'per-client',
    persistent: o.session === 'persistent',
    brokerUrl: typeof o.brokerUrl === 'string' ? o.brokerUrl : '',
  };
}

export const topics = {
  down: (run: string, client: string) => `pushtui/${run}/c/${client}`,
  ack: (run: string, client: string) => `pushtui/${run}/ack/${client}`,
  gone: (run: string, client: string) => `pushtui/${run}/gone/${client}`,
  lkv: (run: string, client: string) => `pushtui/${run}/lkv/${client}`,
};

/** The client id at the end of a topic. */
export function clientOf(topic: string): string {
  return topic.slice(topic.lastIndexOf('/') + 1);
}

export function newRunId(): string {
  return randomBytes(5).toString('hex');
}

/** Endpoint that workers dial: the broker URL with the run id as a query parameter. */
export function endpointFor(brokerUrl: string, run: string): string {
  const u = new URL(brokerUrl);
  u.searchParams.set('run', run);
  return u.toString();
}

export function parseEndpoint(endpoint: string): { brokerUrl: string; run: string } {
  const u = new URL(endpoint);
  const run = u.searchParams.get('run') ?? '';
  u.search = '';
  return { brokerUrl: u.toString(), run };
}

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface ConnectOptions {
  clientId: string;
  clean: boolean;
  nagle: boolean;
  timeoutMs: number;
  will?: IClientOptions['will'];
  /**
   * Attached before CONNECT is even sent: a persistent session's queued messages arrive
   * right after CONNACK, before any SUBACK, and mqtt.js PUBACKs them whether or not anyone listens.
   */
  onMessage?: (topic: string, payload: Buffer, packet: IPublishPacket) => void;
}

/**
 * Connects with MQTT 3.1.1 (what mosquitto and aedes both speak), no automatic
 * reconnect (a dropped link is a counted failure), Nagle off unless asked.
 */
export function connectMqtt(brokerUrl: string, opts: ConnectOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = connect(brokerUrl, {
      clientId: opts.clientId,
      clean: opts.clean,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: opts.timeoutMs,
      keepalive: 60,
      will: opts.will,
    });
    if (opts.onMessage) client.on('message', opts.onMessage);
    let lastError: Error | undefined;
    const noDelay = (): void => {
      if (client.stream instanceof Socket) client.stream.setNoDelay(!opts.nagle);
    };
    noDelay();
    const onError = (err: Error): void => {
      lastError = err;
    };
    const onClose = (): void => {
      cleanup();
      const code = (lastError as { code?: unknown } | undefined)?.code;
      reject(new MqttConnectError(lastError?.message ?? 'closed before CONNACK', typeof code === 'string' ? code : 'closed'));
    };
    const onConnect = (): void => {
      cleanup();
      noDelay();
      resolve(client);
    };
    const cleanup = (): void => {
      client.off('error', onError);
      client.off('close', onClose);
      client.off('connect', onConnect);
    };
    client.on('error', onError);
    client.on('close', onClose);
    client.on('connect', onConnect);
  });
}

/** Subscribes and resolves on SUBACK; a refused subscription (granted 128) rejects. */
export async function subscribeOrThrow(client: MqttClient, topic: string, qos: Qos): Promise<void> {
  const granted = await client.subscribeAsync(topic, { qos });
  const refused = granted.find((g) => g.qos === 128);
  if (refused) throw new MqttConnectError(`broker refused subscription to ${topic}`, 'SUBACK 128');
}

/** Ends a client gracefully (DISCONNECT, so no will), forcing it after `graceMs`. */
export function endMqtt(client: MqttClient, graceMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.end(true, () => resolve()), graceMs);
    timer.unref();
    client.end(false, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
