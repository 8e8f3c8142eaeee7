/**
 * The interface every protocol implements: a push side (in the pusher process) and a
 * client side (in worker processes). The pattern driver, codecs, histograms and failure
 * counting are shared; a protocol only moves bytes and says what its numbers mean.
 */
import type { Scenario, ProtocolPlanning } from '../scenario.js';

/** Reasons a link ends or fails, counted by name (e.g. `ECONNREFUSED`, `closed`, `UNAVAILABLE`). */
export type Reason = string;

export interface PushHandlers {
  onAck(clientId: string, bytes: Uint8Array): void;
  /** The client's link ended; anything unacked on it is lost. */
  onClose(clientId: string, reason: Reason): void;
}

export interface PushSide {
  /** Start listening (ws, gRPC) or connecting to the broker (MQTT); returns the endpoint clients dial. */
  prepare(handlers: PushHandlers): Promise<string>;
  /** Client ids with a live link right now. */
  connected(): ReadonlySet<string>;
  /** Send one encoded notification to one client. Never throws; failures come back via onClose. */
  send(clientId: string, bytes: Uint8Array): void;
  /** Bytes written and read on the push side's sockets so far (framing included, TCP/IP headers not). */
  wireBytes(): { sent: number; received: number };
  close(): Promise<void>;
}

export interface ClientHandlers {
  onNotification(bytes: Uint8Array): void;
  onClose(reason: Reason): void;
}

export interface ClientLink {
  sendAck(bytes: Uint8Array): void;
  close(): Promise<void>;
}

export interface ClientSide {
  /** Connect, subscribe or open the stream; resolves when the client can receive. Rejects with a coded error. */
  connect(endpoint: string, clientId: string, handlers: ClientHandlers): Promise<ClientLink>;
  close(): Promise<void>;
}

/** Facts printed beside every result so that comparisons stay fair. */
export interface FairnessFacts {
  tcpConnections: number;
  /** What closes a round trip at this protocol's settings. */
  ackMeaning: string;
  nagle: 'on' | 'off';
  notes: string[];
}

export interface Protocol extends ProtocolPlanning {
  readonly name: Scenario['protocol'];
  facts(scenario: Scenario): FairnessFacts;
  createPushSide(scenario: Scenario): PushSide;
  createClientSide(scenario: Scenario): ClientSide;
}

/** An error code for counting: errno codes where present, else the class or message. */
export function reasonOf(err: unknown): Reason {
  if (err && typeof err === 'object') {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    if (typeof code === 'number') return String(code);
    const name = (err as { name?: unknown }).name;
    if (typeof name === 'string' && name !== 'Error') return name;
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string') return message.slice(0, 60);
  }
  return String(err).slice(0, 60);
}
