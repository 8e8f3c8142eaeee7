/**
 * Validation of a RunResult that comes from outside (a snapshot file): typed against the
 * TypeScript interfaces so the two cannot drift apart unnoticed.
 */
import { z } from 'zod';
import { PlanSchema } from './plan.js';
import { PROTOCOL_NAMES } from './protocols/names.js';
import type { ScenarioResult } from './results.js';
import type { RunResult } from './run.js';
import type { LatencySummary } from './stats.js';
import { isDecodableHistogram } from './stats.js';

const num = z.number();
const counts = z.record(z.string(), num);

const Latency: z.ZodType<LatencySummary> = z.object({
  count: num, minUs: num, meanUs: num, stdevUs: num, p50Us: num, p90Us: num, p99Us: num, p999Us: num, maxUs: num,
});

const Usage = z.object({ processes: num, cpuPctMean: num, cpuPctMax: num, rssMaxBytes: num, heapMaxBytes: num, elDelayP99MaxUs: num });

const Scenario = z.object({
  id: z.string(),
  protocol: z.enum(PROTOCOL_NAMES, { error: (i) => `unknown protocol '${String(i.input)}' (this pushtui knows ${PROTOCOL_NAMES.join(', ')})` }),
  encoding: z.enum(['json', 'protobuf']),
  payloadBytes: num, messages: num, clients: num,
  variant: z.string(),
  options: z.record(z.string(), z.union([z.string(), num, z.boolean()])),
  pattern: z.enum(['pingpong', 'burst', 'rate']),
  ratePerClient: num, warmupMessages: num, samples: num, timeoutMs: num, clientsPerWorker: num, ackBytes: num,
  host: z.string(),
  nagle: z.boolean(),
});

const Sample = z.object({
  sample: num, cycleMeanMs: num, rttP50Us: num, rttP99Us: num, rttP999Us: num, oneWayP50Us: num, msgsPerSec: num, clientsFinished: num, failures: num,
});

/** An encoded histogram that decodes: a damaged one fails validation instead of crashing a screen later. */
export const EncodedHistogram = z.string().refine(isDecodableHistogram, 'is not a decodable HDR histogram');

const HistName = z.enum(['rttUs', 'rttUncorrectedUs', 'cycleUs', 'oneWayUs', 'connectUs']);

const ScenarioResultSchema: z.ZodType<ScenarioResult> = z.object({
  scenario: Scenario,
  status: z.enum(['ok', 'failed', 'aborted']),
  error: z.string().optional(),
  samples: z.array(Sample),
  hist: z.partialRecord(HistName, EncodedHistogram),
  latency: z.record(HistName, Latency),
  cycleMs: z.object({ mean: num, stdev: num }),
  msgsPerSec: z.object({ mean: num, stdev: num }),
  counts: z.object({
    clientsFailedToConnect: num, clientsTimedOut: num, clientsDisconnected: num, sent: num, acked: num, lost: num, unsent: num,
    duplicateAcks: num, unexpectedAcks: num, duplicatesAtClient: num, outOfOrder: num,
    // absent from snapshots saved before it was counted
    staleAtClient: num.default(0), decodeErrors: num, behind: num,
    workerCrashes: num, pusherCrashes: num,
  }),
  failures: num,
  errors: counts,
  resources: z.object({ pusher: Usage, workers: Usage, broker: Usage.optional(), clientBound: z.boolean(), pusherBound: z.boolean() }),
  fairness: z.object({
    tcpConnections: num, ackMeaning: z.string(), nagle: z.enum(['on', 'off']), notes: z.array(z.string()),
    encodedNotificationBytes: num, encodedAckBytes: num, wireBytesPerNotification: num, wireBytesPerAck: num,
    warmupMessages: num, workerProcesses: num,
  }),
  durationMs: num,
});

export const RunResultSchema: z.ZodType<RunResult> = z.object({
  schemaVersion: z.literal(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  plan: PlanSchema,
  host: z.object({
    hostname: z.string(), cpuModel: z.string(), cores: num, ramBytes: num, os: z.string(), node: z.string(), pushtui: z.string(),
    libraries: z.record(z.string(), z.string()),
  }),
  fdLimits: z.object({ soft: num, hard: z.union([num, z.literal('unlimited')]) }),
  aborted: z.boolean(),
  notices: z.array(z.string()),
  scenarios: z.array(ScenarioResultSchema),
  controller: z.object({ cpuPct: num, rssBytes: num }).optional(),
});
