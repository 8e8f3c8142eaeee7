/**
 * The result of `pushtui capacity`: per protocol and connection count, what was reached,
 * how long connecting took, what failed and why, and memory per connection on each side.
 * The zod schema validates a saved `--json` result when it is read back.
 */
import { z } from 'zod';
import type { HostInfo } from '../env/sysinfo.js';
import { PROTOCOL_NAMES } from '../protocols/names.js';
import { EncodedHistogram } from '../result-schema.js';

const Counts = z.record(z.string(), z.number());

/** One point of a run's memory curve: connections open, and the RSS of each side then. */
export const CurvePointSchema = z.object({ open: z.number(), serverRssBytes: z.number(), clientRssBytes: z.number() });
export type CurvePoint = z.infer<typeof CurvePointSchema>;

const LatencySummarySchema = z.object({
  count: z.number(), minUs: z.number(), meanUs: z.number(), stdevUs: z.number(),
  p50Us: z.number(), p90Us: z.number(), p99Us: z.number(), p999Us: z.number(), maxUs: z.number(),
});

/** One side's memory: summed over its processes, after minus the baseline taken before the first connection. */
export const SideSchema = z.object({
  /** What the side is, e.g. `3 ws server processes` or `mosquitto 2.0.11`. */
  label: z.string(),
  processes: z.number(),
  rssBaselineBytes: z.number(),
  rssAfterBytes: z.number(),
  /** Heap after a forced GC minus the baseline; null where it cannot be read (mosquitto, aedes). */
  heapDeltaBytes: z.number().nullable(),
  /** CPU over the hold, % of one core, summed over the side's processes. */
  holdCpuPct: z.number(),
  /** ESTABLISHED TCP sockets the side's processes hold after settling (-1 unknown). */
  establishedTcp: z.number(),
});
export type CapacitySide = z.infer<typeof SideSchema>;

export const CapacityRunSchema = z.object({
  protocol: z.enum(PROTOCOL_NAMES),
  target: z.number(),
  attempted: z.number(),
  limit: z.object({ reason: z.string(), advice: z.string() }).optional(),
  status: z.enum(['ok', 'failed', 'aborted']),
  error: z.string().optional(),
  connected: z.number(),
  failed: z.number(),
  /** Client connections open when memory was measured: the denominator of every per-connection figure. */
  open: z.number(),
  /** Failures to connect by reason (ECONNREFUSED, timeout, EMFILE, EADDRNOTAVAIL, worker crashed, ...). */
  errors: Counts,
  /** Connections that dropped while held, by reason. */
  drops: Counts,
  connectAllMs: z.number(),
  connectUs: LatencySummarySchema,
  /** Encoded HDR histogram of connect times, µs. */
  connectHist: EncodedHistogram,
  settleMs: z.number(),
  settled: z.boolean(),
  server: SideSchema,
  client: SideSchema,
  kernel: z.object({ tcpMemDeltaBytes: z.number(), tcpInuseDelta: z.number() }).nullable(),
  keepalive: z.object({ sent: z.number(), received: z.number() }),
  destinations: z.array(z.string()),
  gcForced: z.boolean(),
  notes: z.array(z.string()),
  /**
   * Memory against connections open, while connecting and settling (at most 200 points,
   * the first the baseline at open 0, the last the settled measurement). Absent in results
   * saved before it existed, and in runs that did not get that far.
   */
  curve: z.array(CurvePointSchema).optional(),
});
export type CapacityRun = z.infer<typeof CapacityRunSchema>;

export const CapacityResultSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('capacity'),
  startedAt: z.string(),
  finishedAt: z.string(),
  host: z.object({ cpuModel: z.string(), cores: z.number(), ramBytes: z.number(), os: z.string(), node: z.string() }).passthrough(),
  fdLimits: z.object({ soft: z.number(), hard: z.union([z.number(), z.literal('unlimited')]) }),
  ephemeralPorts: z.object({ low: z.number(), high: z.number() }),
  pageSizeBytes: z.number(),
  plan: z.record(z.string(), z.unknown()),
  aborted: z.boolean(),
  notices: z.array(z.string()),
  runs: z.array(CapacityRunSchema),
});
export type CapacityResult = Omit<z.infer<typeof CapacityResultSchema>, 'host'> & { host: HostInfo };

/** Per-connection figures in KiB (null when nothing connected or not measurable). */
export interface PerConnection {
  serverKb: number | null;
  serverHeapKb: number | null;
  clientKb: number | null;
  clientHeapKb: number | null;
  kernelKb: number | null;
}

export function perConnection(r: CapacityRun): PerConnection {
  const n = r.open;
  const kb = (bytes: number | null | undefined): number | null => (n > 0 && bytes !== null && bytes !== undefined ? bytes / n / 1024 : null);
  const clientHeap = r.client.heapDeltaBytes;
  return {
    serverKb: kb(r.server.rssAfterBytes - r.server.rssBaselineBytes),
    serverHeapKb: kb(r.server.heapDeltaBytes),
    clientKb: kb(r.client.rssAfterBytes - r.client.rssBaselineBytes),
    clientHeapKb: kb(clientHeap),
    kernelKb: kb(r.kernel?.tcpMemDeltaBytes),
  };
}

/** Reads back a `pushtui capacity --json` result; throws with the first problem. */
export function parseCapacityResult(raw: unknown): CapacityResult {
  const r = CapacityResultSchema.safeParse(raw);
  if (r.success) return r.data as unknown as CapacityResult;
  const issue = r.error.issues[0];
  throw new Error(`not a pushtui capacity result: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}
