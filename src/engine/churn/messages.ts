/**
 * The messages between the churn controller and its children (a pusher and workers), in
 * one file: what the controller sends, and the zod-checked union it receives. Plain JSON.
 */
import { z } from 'zod';
import type { Encoding } from '../codec.js';
import type { ChurnMode } from './modes.js';
import type { DropSchedule } from './schedule.js';

export const CHURN_ROLES = ['pusher', 'worker'] as const;
export type ChurnRole = (typeof CHURN_ROLES)[number];

/** One cell of the churn matrix as its children need it. */
export interface ChurnCell {
  id: string;
  mode: ChurnMode;
  clients: number;
  dropShare: number;
  ratePerClient: number;
  baselineMs: number;
  /** Round trips of notifications sent this early in the baseline are not recorded (JIT, connection warm-up). */
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  payloadBytes: number;
  encoding: Encoding;
  host: string;
  timeoutMs: number;
  /** Per-cell name space (Redis keys, MQTT topics and client ids). */
  runId: string;
  /** With secrets; never reported. */
  brokerUrl?: string;
  redisUrl?: string;
}

/** A client's time away: from the drop to the moment its link was back (monotonic ns). */
export const WindowSchema = z.object({
  offNs: z.number(),
  backNs: z.number(),
  /** Highest sequence the client had received when it dropped (-1: none). */
  lastSeqBefore: z.number(),
  kind: z.enum(['abrupt', 'graceful']),
  /** False when it never came back (reconnect failed). */
  back: z.boolean(),
});
export type Window = z.infer<typeof WindowSchema>;

const Counts = z.record(z.string(), z.number());
const Hists = z.record(z.string(), z.string());

export const WorkerClientReportSchema = z.object({
  id: z.string(),
  /** Received sequences as a bitmap (bit i = seq i), base64. */
  seen: z.string(),
  received: z.number(),
  duplicates: z.number(),
  outOfOrder: z.number(),
  windows: z.array(WindowSchema),
});
export type WorkerClientReport = z.infer<typeof WorkerClientReportSchema>;

export const PusherReportSchema = z.object({
  sent: Counts,
  /** Per client and window: how many sends fell inside [offNs, backNs], and the first of them. */
  away: z.record(z.string(), z.array(z.object({ from: z.number(), count: z.number() }))),
  acked: z.number(),
  duplicateAcks: z.number(),
  behind: z.number(),
  outbox: z.object({ appended: z.number(), replayed: z.number(), resumes: z.number(), trims: z.number(), errors: z.number() }),
  errors: Counts,
  hist: Hists,
});
export type PusherReport = z.infer<typeof PusherReportSchema>;

export const ChurnChildMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), role: z.enum(CHURN_ROLES), pid: z.number() }),
  z.object({ type: z.literal('prepared'), endpoint: z.string() }),
  z.object({ type: z.literal('connected'), ok: z.number(), failed: z.number(), errors: Counts }),
  z.object({ type: z.literal('progress'), sent: z.number(), acked: z.number() }),
  z.object({ type: z.literal('sent'), total: z.number() }),
  z.object({
    type: z.literal('worker-report'),
    clients: z.array(WorkerClientReportSchema),
    reconnectFailures: z.number(),
    caughtUp: z.number(),
    notCaughtUp: z.number(),
    errors: Counts,
    hist: Hists,
  }),
  z.object({ type: z.literal('pusher-report'), report: PusherReportSchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type ChurnChildMessage = z.infer<typeof ChurnChildMessageSchema>;

export type ChurnControllerMessage =
  | { type: 'init'; role: ChurnRole; cell: ChurnCell; clientIds: string[]; schedule: DropSchedule }
  | { type: 'prepare' }
  | { type: 'connect'; endpoint: string }
  | { type: 'go'; t0Ns: number }
  | { type: 'finish' }
  | { type: 'classify'; windows: Record<string, { offNs: number; backNs: number }[]> }
  | { type: 'stop' };

export function parseChurnChildMessage(raw: unknown): ChurnChildMessage {
  const r = ChurnChildMessageSchema.safeParse(raw);
  if (r.success) return r.data;
  return { type: 'failed', message: `bad message from churn child: ${r.error.issues[0]?.message ?? 'invalid'}` };
}
