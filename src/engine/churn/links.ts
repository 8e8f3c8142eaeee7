/**
 * Client links that can drop off two ways: `close()` is the protocol's polite goodbye
 * (WebSocket close frame, gRPC half-close, MQTT DISCONNECT), `destroy()` is an abrupt
 * socket destroy with no goodbye (what a phone in a tunnel does). The engine's ClientSide
 * has no abrupt drop and no reconnect with a resume point, hence these small links of its
 * own (like it, the MQTT link listens before CONNACK so queued messages are all seen).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { Client, credentials } from '@grpc/grpc-js';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { connect as mqttConnect, Store } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { WebSocket } from 'ws';
import { asBuffer, clientMetadata, identity, streamMethod, statusName } from '../protocols/grpc-service.js';
import { parseEndpoint, toBuffer, topics } from '../protocols/mqtt-common.js';
import type { ChurnCell } from './messages.js';
import { MODE_INFO } from './modes.js';

export interface LinkHandlers {
  /** `reply` acks on this link, usable before connect resolves (queued messages arrive that early). */
  onNotification(bytes: Uint8Array, reply: (ack: Uint8Array) => void): void;
  /** The link ended without being asked to. */
  onClose(reason: string): void;
}

export interface ChurnLink {
  sendAck(bytes: Uint8Array): void;
  /** Polite close, bounded by a grace period. */
  close(): Promise<void>;
  /** Abrupt: destroys the socket at once. */
  destroy(): void;
}

const CLOSE_GRACE_MS = 1000;

export function connectLink(cell: ChurnCell, endpoint: string, id: string, h: LinkHandlers): Promise<ChurnLink> {
  switch (MODE_INFO[cell.mode].protocol) {
    case 'ws':
      return connectWs(endpoint, id, cell, h);
    case 'grpc':
      return connectGrpc(endpoint, id, cell.timeoutMs, h);
    case 'mqtt':
      return connectMqttLink(cell, endpoint, id, h);
  }
}

function connectWs(endpoint: string, id: string, cell: ChurnCell, h: LinkHandlers): Promise<ChurnLink> {
  const binary = cell.encoding !== 'json';
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${endpoint}?id=${encodeURIComponent(id)}`, { perMessageDeflate: false, handshakeTimeout: cell.timeoutMs });
    let open = false;
    let ending = false;
    const reply = (bytes: Uint8Array): void => {
      if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary });
    };
    ws.on('message', (data: Buffer) => h.onNotification(data, reply));
    ws.on('error', (err) => {
      if (!open) reject(err);
    });
    ws.once('close', (code: number) => {
      if (!open) reject(Object.assign(new Error(`closed ${code}`), { code: `close ${code}` }));
      else if (!ending) h.onClose(code === 1000 || code === 1005 ? 'closed' : `close ${code}`);
    });
    ws.once('open', () => {
      open = true;
      resolve({
        sendAck: reply,
        destroy: () => {
          ending = true;
          ws.terminate();
        },
        close: () =>
          new Promise<void>((done) => {
            ending = true;
            if (ws.readyState === WebSocket.CLOSED) return done();
            const timer = setTimeout(() => {
              ws.terminate();
              done();
            }, CLOSE_GRACE_MS);
            ws.once('close', () => {
              clearTimeout(timer);
              done();
            });
            ws.close(1000);
          }),
      });
    });
  });
}

/**
 * gRPC hides its sockets, so the socket a client's own channel opens is caught through
 * the `net.client.socket` diagnostics channel. Connects are serialized so that the one
 * socket created while a client connects is that client's.
 */
let grpcConnecting: Promise<unknown> = Promise.resolve();

function connectGrpc(endpoint: string, id: string, timeoutMs: number, h: LinkHandlers): Promise<ChurnLink> {
  const attempt = grpcConnecting.then(() => openGrpc(endpoint, id, timeoutMs, h));
  grpcConnecting = attempt.catch(() => undefined);
  return attempt;
}

function openGrpc(endpoint: string, id: string, timeoutMs: number, h: LinkHandlers): Promise<ChurnLink> {
  const sockets: Socket[] = [];
  const onSocket = (m: unknown): void => {
    const s = (m as { socket?: Socket }).socket;
    if (s) sockets.push(s);
  };
  subscribe('net.client.socket', onSocket);
  const client = new Client(endpoint, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1, 'grpc.enable_retries': 0 });
  const call: ClientDuplexStream<Buffer, Buffer> = client.makeBidiStreamRequest(streamMethod().path, identity, identity, clientMetadata(id));
  return new Promise((resolve, reject) => {
    let open = false;
    let ending = false;
    let ended = false;
    const timer = setTimeout(() => call.cancel(), timeoutMs);
    const settle = (): void => {
      unsubscribe('net.client.socket', onSocket);
      clearTimeout(timer);
    };
    const reply = (bytes: Uint8Array): void => {
      if (!ended) call.write(asBuffer(bytes));
    };
    call.on('data', (b: Buffer) => h.onNotification(b, reply));
    call.on('error', () => undefined);
    call.on('status', (s: { code: number; details: string }) => {
      ended = true;
      client.close();
      if (!open) {
        settle();
        reject(Object.assign(new Error(`stream failed: ${statusName(s.code)}`), { code: statusName(s.code) }));
      } else if (!ending) h.onClose(s.code === 0 ? 'closed' : statusName(s.code));
    });
    call.on('metadata', () => {
      if (open) return;
      open = true;
      settle();
      resolve({
        sendAck: reply,
        destroy: () => {
          ending = true;
          for (const s of sockets) s.destroy();
          call.cancel();
          client.close();
        },
        close: () =>
          new Promise<void>((done) => {
            ending = true;
            if (ended) return done();
            const grace = setTimeout(() => {
              call.cancel();
              done();
            }, CLOSE_GRACE_MS);
            call.once('status', () => {
              clearTimeout(grace);
              done();
            });
            call.end();
          }),
      });
    });
  });
}

/**
 * A persistent client's QoS 2 receive state, kept across its reconnects. mqtt.js hands a
 * QoS 2 message to the app on PUBREL, holding it in its incoming store after PUBREC; a
 * client whose socket dies between the two (a phone in a tunnel: the app and its MQTT
 * state live on) must still have it when the broker sends the PUBREL after the reconnect.
 * A fresh store per connection would lose exactly those messages.
 */
const incomingStores = new Map<string, Store>();

function incomingStoreOf(clientId: string): Store {
  let store = incomingStores.get(clientId);
  if (!store) {
    store = new Store({ clean: false });
    incomingStores.set(clientId, store);
  }
  return store;
}

/** MQTT: listens before CONNACK so that a persistent session's queued messages are all seen. */
function connectMqttLink(cell: ChurnCell, endpoint: string, id: string, h: LinkHandlers): Promise<ChurnLink> {
  const { brokerUrl, run } = parseEndpoint(endpoint);
  const info = MODE_INFO[cell.mode];
  const qos = info.qos ?? 0;
  const down = topics.down(run, id);
  const clientId = `pushtui-${run}-${id}`;
  const client: MqttClient = mqttConnect(brokerUrl, {
    clientId,
    ...(info.persistent ? { incomingStore: incomingStoreOf(clientId) } : {}),
    clean: !info.persistent,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: cell.timeoutMs,
    keepalive: 60,
  });
  let open = false;
  let ending = false;
  let lastError = 'closed';
  const reply = (bytes: Uint8Array): void => {
    if (client.connected) client.publish(topics.ack(run, id), toBuffer(bytes), { qos }, () => undefined);
  };
  client.on('message', (topic: string, payload: Buffer) => {
    if (topic === down) h.onNotification(payload, reply);
  });
  client.on('error', (err: Error & { code?: unknown }) => (lastError = typeof err.code === 'string' ? err.code : err.message.slice(0, 60)));
  return new Promise((resolve, reject) => {
    client.once('close', () => {
      if (!open) reject(Object.assign(new Error(`MQTT connect failed: ${lastError}`), { code: lastError }));
      else if (!ending) h.onClose(lastError);
    });
    client.once('connect', () => {
      (client.stream as Socket).setNoDelay?.(true);
      client.subscribe(down, { qos }, (err, granted) => {
        if (err || granted?.some((g) => g.qos === 128)) {
          client.end(true);
          return reject(Object.assign(new Error('MQTT subscribe refused'), { code: 'SUBACK 128' }));
        }
        open = true;
        resolve({
          sendAck: reply,
          destroy: () => {
            ending = true;
            (client.stream as Socket).destroy();
            client.end(true);
          },
          close: () =>
            new Promise<void>((done) => {
              ending = true;
              const timer = setTimeout(() => client.end(true, () => done()), CLOSE_GRACE_MS);
              client.end(false, () => {
                clearTimeout(timer);
                done();
              });
            }),
        });
      });
    });
  });
}
