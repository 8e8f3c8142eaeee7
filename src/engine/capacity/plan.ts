/**
 * The plan of a `pushtui capacity` run: how many idle connections to open per protocol,
 * how fast, for how long, and what to project to. Same field-metadata pattern as the run
 * plan (`../plan.ts`), so flags, help and validation messages come from this one schema.
 */
import { z } from 'zod';
import type { FieldMeta } from '../plan.js';
import { field, GRPC_CHANNELS, int, list, parseFlagged } from '../plan.js';
import { PROTOCOL_NAMES } from '../protocols/names.js';

export const CAPACITY_BROKERS = ['auto', 'mosquitto', 'aedes'] as const;

export const CapacityPlanSchema = z
  .object({
    protocols: field(list(z.enum(PROTOCOL_NAMES, { error: `protocol must be one of: ${PROTOCOL_NAMES.join(', ')}` }), 'protocols').default(['ws']), {
      flag: 'protocols', kind: 'enumList', choices: PROTOCOL_NAMES, help: 'protocols to measure',
    }),
    connections: field(list(int('connections', 1, 250_000), 'connections').default([1000]), {
      flag: 'connections', kind: 'intList', common: [1000, 10_000, 50_000], help: 'idle connections to open, one run per count',
    }),
    connectRatePerSec: field(int('connect-rate', 1, 100_000).default(1000), {
      flag: 'connect-rate', kind: 'int', help: 'new connections per second over all client processes',
    }),
    holdMs: field(int('hold', 0, 3_600_000).default(10_000), {
      flag: 'hold', kind: 'durationMs', help: 'how long the settled connections are held (idle CPU is measured over it)',
    }),
    keepaliveSamplePct: field(int('keepalive-sample', 0, 100).default(10), {
      flag: 'keepalive-sample', kind: 'int', help: 'percent of connections sent one keep-alive-sized message during the hold',
    }),
    keepaliveBytes: field(int('keepalive-bytes', 0, 4096).default(16), {
      flag: 'keepalive-bytes', kind: 'int', help: 'payload bytes of that message',
    }),
    fleet: field(int('fleet', 1, 10_000_000).default(50_000), {
      flag: 'fleet', kind: 'int', help: 'fleet size the memory projection is made for',
    }),
    connectionsPerWorker: field(int('connections-per-worker', 1, 100_000).default(10_000), {
      flag: 'connections-per-worker', kind: 'int', help: 'client connections per worker process (capped by the open-file limit)',
    }),
    connectionsPerServer: field(int('connections-per-server', 0, 250_000).default(0), {
      flag: 'connections-per-server', kind: 'int', help: 'ws/gRPC connections per server process; 0 = as many as the open-file limit allows',
    }),
    timeoutMs: field(int('timeout', 100, 600_000).default(15_000), {
      flag: 'timeout', kind: 'durationMs', help: 'per connection: connect + handshake + subscribe/stream open',
    }),
    settleMs: field(int('settle', 0, 600_000).default(15_000), {
      flag: 'settle', kind: 'durationMs', help: 'longest wait for memory to stop growing after the last connect',
    }),
    broker: field(z.enum(CAPACITY_BROKERS, { error: 'broker must be auto, mosquitto or aedes' }).default('auto'), {
      flag: 'broker', kind: 'enum', choices: CAPACITY_BROKERS, help: 'MQTT broker: auto (mosquitto, else embedded aedes), mosquitto, aedes',
    }),
    qos: field(int('qos', 0, 2).default(1), {
      flag: 'qos', kind: 'int', help: 'MQTT QoS of each subscription and of the keep-alive messages',
    }),
    grpcChannels: field(z.enum(GRPC_CHANNELS, { error: 'grpc-channels must be per-client or shared' }).default('per-client'), {
      flag: 'grpc-channels', kind: 'enum', choices: GRPC_CHANNELS, help: 'gRPC: one TCP connection per client, or one per worker process',
    }),
    workerFdLimit: field(int('worker-fd-limit', 0, 10_000_000).default(0), {
      flag: 'worker-fd-limit', kind: 'int', help: 'cap client workers\' open-file limit (soft and hard) to see EMFILE handled; 0 = no cap',
    }),
  })
  .strict();

export type CapacityPlan = z.output<typeof CapacityPlanSchema>;
export type CapacityPlanInput = z.input<typeof CapacityPlanSchema>;
export type CapacityPlanKey = keyof CapacityPlan;

export const CAPACITY_PLAN_KEYS = Object.keys(CapacityPlanSchema.shape) as CapacityPlanKey[];

export function capacityFieldMeta(key: CapacityPlanKey): FieldMeta {
  return CapacityPlanSchema.shape[key].meta() as unknown as FieldMeta;
}

/** Validates a capacity plan; throws PlanError naming the flag. */
export function parseCapacityPlan(input: unknown): CapacityPlan {
  return parseFlagged(CapacityPlanSchema, input);
}
