/**
 * Delivery modes compared by `pushtui churn`: one row each. A mode is a protocol plus the
 * guarantee it is run with: at most once as it is, the broker's persistent session
 * (MQTT QoS 1/2), or a Redis Streams outbox in front of WebSocket / gRPC.
 */
import type { ProtocolName } from '../protocols/names.js';

export const CHURN_MODES = ['ws', 'ws-outbox', 'grpc', 'grpc-outbox', 'mqtt-qos0', 'mqtt-qos1', 'mqtt-qos2'] as const;
export type ChurnMode = (typeof CHURN_MODES)[number];

export interface ModeInfo {
  protocol: ProtocolName;
  /** MQTT QoS of notifications and acks (MQTT modes only). */
  qos?: 0 | 1 | 2;
  /** MQTT persistent session: clean=false, stable client ids, the broker queues while away. */
  persistent: boolean;
  /** The pusher appends every notification to a Redis stream and replays on resume. */
  outbox: boolean;
  /** What the mode promises, for the report. */
  guarantee: string;
}

export const MODE_INFO: Record<ChurnMode, ModeInfo> = {
  ws: { protocol: 'ws', persistent: false, outbox: false, guarantee: 'at most once: sent while away is lost' },
  'ws-outbox': { protocol: 'ws', persistent: false, outbox: true, guarantee: 'at least once: Redis stream, replay on resume' },
  grpc: { protocol: 'grpc', persistent: false, outbox: false, guarantee: 'at most once: sent while away is lost' },
  'grpc-outbox': { protocol: 'grpc', persistent: false, outbox: true, guarantee: 'at least once: Redis stream, replay on resume' },
  'mqtt-qos0': { protocol: 'mqtt', qos: 0, persistent: false, outbox: false, guarantee: 'at most once: QoS 0, clean session' },
  'mqtt-qos1': { protocol: 'mqtt', qos: 1, persistent: true, outbox: false, guarantee: 'at least once: QoS 1, persistent session queued by the broker' },
  'mqtt-qos2': { protocol: 'mqtt', qos: 2, persistent: true, outbox: false, guarantee: 'exactly once per session: QoS 2, persistent session' },
};

/** The modes a plan runs: those asked for whose protocol is in the plan, in table order. */
export function modesOf(plan: { modes: readonly ChurnMode[]; protocols: readonly ProtocolName[] }): ChurnMode[] {
  return CHURN_MODES.filter((m) => plan.modes.includes(m) && plan.protocols.includes(MODE_INFO[m].protocol));
}
