/**
 * The plan of a churn run (`pushtui churn`): one zod schema whose field metadata gives
 * the CLI flags, their help and validation, like src/engine/plan.ts does for `run`.
 */
import { z } from 'zod';
import type { FieldMeta } from '../plan.js';
import { ENCODINGS, isBrokerChoice, MAX_PAYLOAD_BYTES, parseFlagged } from '../plan.js';
import { PROTOCOL_NAMES } from '../protocols/names.js';
import { CHURN_MODES } from './modes.js';

/** Field metadata plus how the default reads in help when it is not a plain value. */
export interface ChurnFieldMeta extends FieldMeta {
  defaultText?: string;
}

function field<T extends z.ZodType>(schema: T, meta: ChurnFieldMeta): T {
  return schema.meta({ ...meta });
}

const int = (min: number, max: number) =>
  z.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `give at least one value for ${what}`).max(16, `at most 16 values for ${what}`).transform((xs) => [...new Set(xs)]);

/** `500ms`, `2s`, `1.5m` or plain milliseconds; NaN when unreadable. */
export function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/i.exec(text.trim());
  if (!m) return NaN;
  return Number(m[1]) * ({ '': 1, ms: 1, s: 1000, m: 60_000 }[(m[2] ?? '').toLowerCase()] ?? 1);
}

const fractions = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter((s) => s.trim() !== '').map((s) => Number(s.trim())) : v),
  list(z.number({ error: 'must be a fraction like 0.3' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'), 'drop-share'),
);

/** `200ms..2s` -> [200, 2000]; a single duration means a fixed offline time. */
const offlineRange = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const parts = v.split('..');
    return parts.length === 1 ? [durationMs(v), durationMs(v)] : parts.map(durationMs);
  },
  z
    .tuple([z.number(), z.number()], { error: 'must be a range like 200ms..2s' })
    .refine(([a, b]) => Number.isFinite(a) && Number.isFinite(b), 'must be a range like 200ms..2s')
    .refine(([a, b]) => a >= 50 && b >= a, 'must run from at least 50ms up to a larger or equal bound')
    .refine(([, b]) => b <= 600_000, 'must be at most 10m'),
);

export const DROP_KINDS = ['mixed', 'abrupt', 'graceful'] as const;

export const ChurnPlanSchema = z
  .object({
    protocols: field(list(z.enum(PROTOCOL_NAMES, { error: `protocol must be one of: ${PROTOCOL_NAMES.join(', ')}` }), 'protocols').default(['ws', 'grpc', 'mqtt']), {
      flag: 'protocols', kind: 'enumList', choices: PROTOCOL_NAMES, help: 'protocols whose modes run',
    }),
    modes: field(list(z.enum(CHURN_MODES, { error: `mode must be one of: ${CHURN_MODES.join(', ')}` }), 'modes').default([...CHURN_MODES]), {
      flag: 'modes', kind: 'enumList', choices: CHURN_MODES, help: 'delivery modes (matrix rows); outbox modes need Redis',
    }),
    clients: field(list(int(1, 20_000), 'clients').default([20]), { flag: 'clients', kind: 'intList', help: 'clients per cell (matrix columns)' }),
    dropShare: field(fractions.default([0.3]), { flag: 'drop-share', kind: 'string', help: 'share of clients that drop off, e.g. 0.3 or 0.1,0.5 (matrix columns)' }),
    ratePerClient: field(int(1, 10_000).default(20), { flag: 'rate', kind: 'int', help: 'notifications per second to each client' }),
    durationMs: field(int(500, 3_600_000).default(10_000), { flag: 'duration', kind: 'durationMs', help: 'churn phase: clients drop off and come back' }),
    baselineMs: field(int(0, 600_000).default(3000), {
      flag: 'baseline', kind: 'durationMs', help: 'no-churn phase first: the round trip each guarantee costs (0 skips it)',
    }),
    warmupMs: field(int(0, 600_000).default(1000), {
      flag: 'warmup', kind: 'durationMs', help: 'start of the baseline whose round trips are not recorded (sent and counted all the same)',
    }),
    offlineMs: field(offlineRange.default([200, 2000]), { flag: 'offline', kind: 'string', range: true, help: 'time a dropped client stays away, a range', defaultText: '200ms..2s' }),
    dropsPerClient: field(int(1, 100).default(1), { flag: 'drops', kind: 'int', help: 'drops per dropping client, at random moments' }),
    dropKind: field(z.enum(DROP_KINDS, { error: 'drop-kind must be mixed, abrupt or graceful' }).default('mixed'), {
      flag: 'drop-kind', kind: 'enum', choices: DROP_KINDS, help: 'abrupt: socket destroyed; graceful: protocol close; mixed: either, by the seed',
    }),
    seed: field(int(0, 2 ** 31 - 1).default(1), { flag: 'seed', kind: 'int', help: 'seed of who drops, when and how (same seed, same drops)' }),
    payloadBytes: field(int(0, MAX_PAYLOAD_BYTES).default(256), { flag: 'payload', kind: 'int', help: 'payload bytes per notification' }),
    encoding: field(z.enum(ENCODINGS, { error: 'encoding must be json or protobuf' }).default('json'), {
      flag: 'encoding', kind: 'enum', choices: ENCODINGS, help: 'wire encoding (gRPC is always protobuf)',
    }),
    drainMs: field(int(100, 600_000).default(3000), { flag: 'drain', kind: 'durationMs', help: 'after the last send, wait at most this long for stragglers' }),
    timeoutMs: field(int(100, 600_000).default(10_000), { flag: 'timeout', kind: 'durationMs', help: 'connect timeout per client' }),
    clientsPerWorker: field(int(1, 20_000).default(500), { flag: 'clients-per-worker', kind: 'int', help: 'clients held by one worker process' }),
    host: field(z.string().min(1, 'host must not be empty').default('127.0.0.1'), { flag: 'host', kind: 'string', help: 'address servers bind to and clients dial' }),
    broker: field(z.string().refine(isBrokerChoice, 'broker must be auto, mosquitto, aedes or mqtt://host:port').default('auto'), {
      flag: 'broker', kind: 'string', help: 'MQTT broker: auto, mosquitto, aedes, or mqtt://host:port',
    }),
    redis: field(z.string().refine(isRedisChoice, 'redis must be auto or redis://host:port').default('auto'), {
      flag: 'redis', kind: 'string', help: 'outbox Redis: auto (start redis-server on a free port) or redis://[user:pass@]host:port',
    }),
  })
  .strict()
  .superRefine((p, ctx) => {
    const slotMs = p.durationMs / p.dropsPerClient;
    if (slotMs < p.offlineMs[1] + 200) {
      ctx.addIssue({ code: 'custom', path: ['durationMs'], message: `must give each of --drops ${p.dropsPerClient} at least --offline max + 200ms (${p.dropsPerClient * (p.offlineMs[1] + 200)}ms)` });
    }
  });

export type ChurnPlan = z.output<typeof ChurnPlanSchema>;
export type ChurnPlanInput = z.input<typeof ChurnPlanSchema>;
export type ChurnPlanKey = keyof ChurnPlan;

export const CHURN_KEYS = Object.keys(ChurnPlanSchema.shape) as ChurnPlanKey[];

export function churnFieldMeta(key: ChurnPlanKey): ChurnFieldMeta {
  return ChurnPlanSchema.shape[key].meta() as unknown as ChurnFieldMeta;
}

export function isRedisChoice(v: string): boolean {
  if (v === 'auto') return true;
  try {
    const u = new URL(v);
    return u.protocol === 'redis:' && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Validates a churn plan; throws PlanError with the first problem as one line naming the flag. */
export function parseChurnPlan(input: unknown): ChurnPlan {
  return parseFlagged(ChurnPlanSchema, input);
}
