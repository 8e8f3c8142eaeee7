/**
 * The one message union between the controller and its children (pusher, workers).
 * Plain JSON objects, so the same protocol could later travel over ssh stdin/stdout.
 * Children send encoded HDR histograms once per tick, never one message per sample.
 * Everything a child sends is validated here, where it enters the controller.
 */
import { z } from 'zod';
import type { Scenario } from './scenario.js';

/** pusher and workers run a scenario; broker is the embedded MQTT broker (aedes), one per run. */
export const ROLES = ['pusher', 'worker', 'broker'] as const;
export type Role = (typeof ROLES)[number];

/** Encoded (compressed base64) HDR histograms of microseconds, by name. */
const Hists = z.record(z.string(), z.string());
const Counts = z.record(z.string(), z.number());

export const ResourcesSchema = z.object({
  /** CPU time used since the previous report, microseconds (user + system). */
  cpuUs: z.number(),
  /** Wall time the cpuUs was used over, milliseconds. */
  intervalMs: z.number(),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  /** Event-loop delay over the interval (a busy child delays its own timers). */
  elDelayP99Us: z.number(),
  elDelayMaxUs: z.number(),
});
export type Resources = z.infer<typeof ResourcesSchema>;

export const PusherSampleStatsSchema = z.object({
  clientsExpected: z.number(),
  clientsFinished: z.number(),
  clientsTimedOut: z.number(),
  clientsDisconnected: z.number(),
  sent: z.number(),
  acked: z.number(),
  measuredAcked: z.number(),
  lost: z.number(),
  unsent: z.number(),
  duplicateAcks: z.number(),
  unexpectedAcks: z.number(),
  /** rate pattern: sends that left later than one interval after their intended time. */
  behind: z.number(),
  /** First measured send to last ack over all clients, milliseconds. */
  windowMs: z.number(),
  wireBytesDown: z.number(),
  wireBytesUp: z.number(),
  /** Encoded size of one notification and one ack, bytes. */
  encodedNotificationBytes: z.number(),
  encodedAckBytes: z.number(),
  errors: Counts,
});
export type PusherSampleStats = z.infer<typeof PusherSampleStatsSchema>;

export const WorkerSampleStatsSchema = z.object({
  received: z.number(),
  duplicates: z.number(),
  outOfOrder: z.number(),
  /** Notifications from an earlier sample that a persistent MQTT session delivered now (child/client-tally.ts). */
  stale: z.number(),
  decodeErrors: z.number(),
  disconnects: z.number(),
  errors: Counts,
});
export type WorkerSampleStats = z.infer<typeof WorkerSampleStatsSchema>;

export const ChildMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), role: z.enum(ROLES), pid: z.number() }),
  z.object({ type: z.literal('prepared'), endpoint: z.string(), tcpConnections: z.number().optional() }),
  z.object({
    type: z.literal('connected'),
    sample: z.number(),
    ok: z.array(z.string()),
    failed: z.number(),
    errors: Counts,
    hist: Hists,
  }),
  z.object({
    type: z.literal('tick'),
    role: z.enum(ROLES),
    sample: z.number(),
    hist: Hists,
    /** Acks (pusher) or notifications (worker) handled since the previous tick. */
    events: z.number(),
    resources: ResourcesSchema,
  }),
  z.object({ type: z.literal('sample-done'), sample: z.number(), stats: PusherSampleStatsSchema, hist: Hists }),
  z.object({ type: z.literal('disconnected'), sample: z.number(), stats: WorkerSampleStatsSchema, hist: Hists }),
  z.object({ type: z.literal('failed'), message: z.string(), code: z.string().optional() }),
  /** Reports of `pushtui capacity` children; the body is validated by capacity/messages.ts. */
  z.object({ type: z.literal('capacity'), body: z.unknown() }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;

export type ControllerMessage =
  | { type: 'init'; role: Role; scenario: Scenario; workerIndex: number; clientIds: string[] }
  | { type: 'prepare'; host?: string; nagle?: boolean }
  | { type: 'connect'; sample: number; endpoint: string }
  | { type: 'go'; sample: number; clientIds: string[] }
  | { type: 'disconnect'; sample: number }
  /** Commands to `pushtui capacity` children (see capacity/messages.ts). */
  | { type: 'capacity'; body: unknown }
  | { type: 'stop' };

export class ProtocolMessageError extends Error {
  override name = 'ProtocolMessageError';
}

/** Validates a message from a child; throws ProtocolMessageError with the reason. */
export function parseChildMessage(raw: unknown): ChildMessage {
  const r = ChildMessageSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new ProtocolMessageError(`bad message from child: ${r.error.issues[0]?.message ?? 'invalid'}`);
}
