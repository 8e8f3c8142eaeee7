/**
 * Messages between the controller and capacity children, carried inside the shared
 * union's `{type: 'capacity', body}` envelope and validated here when they arrive.
 */
import { z } from 'zod';
import type { ProtocolName } from '../protocols/names.js';

/** A child's memory and CPU as it reports them (after a forced GC when `gcForced`). */
export const MemSchema = z.object({
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  /** Cumulative user + system CPU of the process, microseconds (read before the GC). */
  cpuUs: z.number(),
  gcForced: z.boolean(),
});
export type Mem = z.infer<typeof MemSchema>;

const Counts = z.record(z.string(), z.number());

export const CapacityReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), endpoint: z.string(), mem: MemSchema }),
  z.object({ kind: z.literal('mem'), mem: MemSchema, links: z.number(), received: z.number(), drops: Counts }),
  z.object({
    kind: z.literal('connected'),
    ok: z.number(),
    failed: z.number(),
    errors: Counts,
    /** Encoded HDR histogram of connect times, µs. */
    connectUs: z.string(),
    elapsedMs: z.number(),
  }),
  z.object({ kind: z.literal('sent'), sent: z.number() }),
  /** Unasked, every PROGRESS_MS (pacing.ts) while a worker connects: its connections open and failed so far. */
  z.object({ kind: z.literal('progress'), open: z.number(), failed: z.number() }),
]);
export type CapacityReport = z.infer<typeof CapacityReportSchema>;

export interface ServerInit {
  kind: 'server';
  protocol: ProtocolName;
  host: string;
  /** MQTT: the broker the shared publisher connects to, and how many client ids it serves. */
  brokerUrl: string;
  clients: number;
  qos: number;
  timeoutMs: number;
}

export interface ClientInit {
  kind: 'client';
  protocol: ProtocolName;
  /** Global index of this worker's first client; client i is `c<i>` and dials endpoints[i % endpoints.length]. */
  first: number;
  count: number;
  endpoints: string[];
  ratePerSec: number;
  timeoutMs: number;
  qos: number;
  grpcChannels: 'per-client' | 'shared';
}

export type CapacityCommand =
  | ServerInit
  | ClientInit
  | { kind: 'connect' }
  | { kind: 'measure' }
  | { kind: 'send'; sharePct: number; spreadMs: number; bytes: number };

export function parseCapacityReport(body: unknown): CapacityReport {
  return CapacityReportSchema.parse(body);
}
