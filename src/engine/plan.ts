/**
 * The one schema for a benchmark plan. CLI flags, their help, validation messages,
 * the Setup form and snapshot import all come from PlanSchema and its field metadata.
 */
import { z } from 'zod';
import { PROTOCOL_NAMES } from './protocols/names.js';

/** How a field is typed on the command line and in forms. */
export type FieldKind = 'intList' | 'enumList' | 'enum' | 'int' | 'durationMs' | 'bool' | 'string';

export interface FieldMeta {
  /** The long flag without dashes, e.g. `clients` for `--clients`. */
  flag: string;
  kind: FieldKind;
  help: string;
  /** Allowed values for enum kinds. */
  choices?: readonly string[];
  /** Common values offered by pickers. */
  common?: readonly number[];
  /** A `[lo, hi]` duration range, written `lo..hi` (e.g. churn's --offline 200ms..2s). */
  range?: boolean;
}

/** Attaches a field's flag/help metadata to its schema (used by every command's plan schema). */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  return schema.meta({ ...meta });
}

/** Messages leave out the field's name: parsePlan prefixes the flag, the Setup form shows them beside the field. */
export const int = (_what: string, min: number, max: number) =>
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const list = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `give at least one value for ${what}`)
    .max(32, `at most 32 values for ${what}`)
    .transform((xs) => [...new Set(xs)]);

export const ENCODINGS = ['json', 'protobuf'] as const;
export const PATTERNS = ['pingpong', 'burst', 'rate'] as const;
export type Pattern = (typeof PATTERNS)[number];
export const GRPC_CHANNELS = ['per-client', 'shared'] as const;

export const MAX_PAYLOAD_BYTES = 1_048_576;

export const MQTT_PUBLISHERS = ['per-client', 'shared'] as const;
export const MQTT_SESSIONS = ['clean', 'persistent'] as const;

export const PlanSchema = z
  .object({
    protocols: field(list(z.enum(PROTOCOL_NAMES, { error: `protocol must be one of: ${PROTOCOL_NAMES.join(', ')}` }), 'protocols').default(['ws']), {
      flag: 'protocols', kind: 'enumList', choices: PROTOCOL_NAMES, help: 'protocols to compare',
    }),
    clients: field(list(int('clients', 1, 100_000), 'clients').default([1, 10]), {
      flag: 'clients', kind: 'intList', common: [1, 10, 100, 1000, 10_000], help: 'concurrent clients per scenario',
    }),
    messages: field(list(int('messages', 1, 1_000_000), 'messages').default([100]), {
      flag: 'messages', kind: 'intList', common: [1, 10, 100, 1000], help: 'measured messages per client',
    }),
    payloadBytes: field(list(int('payload', 0, MAX_PAYLOAD_BYTES), 'payload').default([1500]), {
      flag: 'payload', kind: 'intList', common: [16, 256, 1500, 4000, 65_536], help: 'payload bytes per notification',
    }),
    encodings: field(list(z.enum(ENCODINGS, { error: 'encoding must be json or protobuf' }), 'encoding').default(['json']), {
      flag: 'encoding', kind: 'enumList', choices: ENCODINGS, help: 'wire encoding (gRPC is always protobuf)',
    }),
    pattern: field(z.enum(PATTERNS, { error: 'pattern must be pingpong, burst or rate' }).default('pingpong'), {
      flag: 'pattern', kind: 'enum', choices: PATTERNS,
      help: 'pingpong: next after ack; burst: all, then acks; rate: open loop at --rate',
    }),
    ratePerClient: field(int('rate', 1, 100_000).default(100), {
      flag: 'rate', kind: 'int', help: 'msgs/s per client for --pattern rate',
    }),
    samples: field(int('samples', 1, 1000).default(3), { flag: 'samples', kind: 'int', help: 'repetitions of each scenario' }),
    warmupMessages: field(int('warmup', 0, 10_000).default(5), {
      flag: 'warmup', kind: 'int', help: 'messages per client sent first and excluded from results',
    }),
    timeoutMs: field(int('timeout', 100, 3_600_000).default(30_000), {
      flag: 'timeout', kind: 'durationMs', help: 'per sample; clients unfinished by then count as timed out',
    }),
    clientsPerWorker: field(int('clients-per-worker', 1, 20_000).default(500), {
      flag: 'clients-per-worker', kind: 'int', help: 'clients held by one worker process',
    }),
    ackBytes: field(int('ack-bytes', 0, MAX_PAYLOAD_BYTES).default(0), {
      flag: 'ack-bytes', kind: 'int', help: 'payload bytes in each ack',
    }),
    host: field(z.string().min(1, 'host must not be empty').default('127.0.0.1'), {
      flag: 'host', kind: 'string', help: 'address the servers bind to and clients dial',
    }),
    nagle: field(z.boolean().default(false), {
      flag: 'nagle', kind: 'bool', help: "leave Nagle's algorithm on (default: TCP_NODELAY everywhere)",
    }),
    broker: field(z.string().refine(isBrokerChoice, 'broker must be auto, mosquitto, aedes or mqtt://host:port').default('auto'), {
      flag: 'broker', kind: 'string', help: 'MQTT broker: auto (mosquitto, else embedded aedes), mosquitto, aedes, or mqtt://[user:pass@]host:port',
    }),
    qos: field(list(int('qos', 0, 2), 'qos').default([1]), {
      flag: 'qos', kind: 'intList', common: [0, 1, 2], help: 'MQTT QoS levels, one matrix row each',
    }),
    mqttPublishers: field(z.enum(MQTT_PUBLISHERS, { error: 'mqtt-publishers must be per-client or shared' }).default('per-client'), {
      flag: 'mqtt-publishers', kind: 'enum', choices: MQTT_PUBLISHERS, help: 'MQTT push side: one broker connection per client, or one shared',
    }),
    mqttSession: field(z.enum(MQTT_SESSIONS, { error: 'mqtt-session must be clean or persistent' }).default('clean'), {
      flag: 'mqtt-session', kind: 'enum', choices: MQTT_SESSIONS, help: 'MQTT sessions: clean, or persistent (clean=false, stable client ids)',
    }),
    mqttRetained: field(z.boolean().default(false), {
      flag: 'mqtt-retained', kind: 'bool', help: 'add an MQTT row that takes a fresh subscription to a retained last-known value per message',
    }),
    grpcChannels: field(list(z.enum(GRPC_CHANNELS, { error: 'grpc-channels must be per-client or shared' }), 'grpc-channels').default(['per-client']), {
      flag: 'grpc-channels', kind: 'enumList', choices: GRPC_CHANNELS,
      help: 'gRPC: one TCP connection per client, or one per worker shared by its streams; both compares them',
    }),
  })
  .strict();

export type Plan = z.output<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;
export type PlanKey = keyof Plan;

export function fieldMeta(key: PlanKey): FieldMeta {
  return PlanSchema.shape[key].meta() as unknown as FieldMeta;
}

export const PLAN_KEYS = Object.keys(PlanSchema.shape) as PlanKey[];

export const PRESETS = {
  /** Defaults: a quick look. */
  quick: {},
  /** The original study's matrix: payloads 1500, 4000 x messages 1..1000 x clients 1, 100 x 10 samples. */
  seed: {
    clients: [1, 100],
    messages: [1, 10, 100, 1000],
    payloadBytes: [1500, 4000],
    samples: 10,
    pattern: 'pingpong',
    protocols: ['ws', 'mqtt', 'grpc'],
    // 100 clients x 1000 ping-pongs through a broker take well over the default 30 s on a
    // small machine: the study measured the total time, so give each sample room to finish.
    timeoutMs: 600_000,
  },
} as const satisfies Record<string, PlanInput>;
export type PresetName = keyof typeof PRESETS;

export class PlanError extends Error {
  override name = 'PlanError';
}

/** Validates a plan; throws PlanError with the first problem as one readable line. */
export function parsePlan(input: unknown): Plan {
  return parseFlagged(PlanSchema, input);
}

/** A command's plan schema: an object whose fields carry FieldMeta (see `field`). */
interface FlaggedSchema<T> {
  shape: Record<string, z.ZodType>;
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
}

/**
 * Validates against any command's plan schema (run, churn, capacity); the first problem
 * becomes one PlanError line naming the field's flag, e.g. `--clients: must be at least 1`.
 */
export function parseFlagged<T>(schema: FlaggedSchema<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  const field = typeof key === 'string' ? schema.shape[key] : undefined;
  const where = field ? `--${(field.meta() as unknown as FieldMeta).flag}: ` : issue?.path.length ? `${String(key)}: ` : '';
  throw new PlanError(`${where}${issue?.message ?? 'invalid plan'}`);
}

/** `auto`, `mosquitto`, `aedes` or an `mqtt://` URL. */
export function isBrokerChoice(v: string): boolean {
  if (v === 'auto' || v === 'mosquitto' || v === 'aedes') return true;
  try {
    const u = new URL(v);
    return u.protocol === 'mqtt:' && u.hostname !== '';
  } catch {
    return false;
  }
}

export function defaultPlan(): Plan {
  return parsePlan({});
}
