/** What both capacity children share: the synthetic scenario their protocol sides need, memory reports, IPC replies. */
import { getHeapStatistics } from 'node:v8';
import type { Encoding } from '../codec.js';
import type { ProtocolName } from '../protocols/names.js';
import type { Scenario, VariantOptions } from '../scenario.js';
import { send } from '../child/ipc.js';
import type { CapacityReport, Mem } from './messages.js';

export interface ScenarioShape {
  protocol: ProtocolName;
  host: string;
  clients: number;
  qos: number;
  timeoutMs: number;
  brokerUrl?: string;
  grpcChannels?: 'per-client' | 'shared';
}

/** The encoding a protocol's keep-alive messages use: gRPC is always protobuf, the others JSON. */
export function encodingOf(protocol: ProtocolName): Encoding {
  return protocol === 'grpc' ? 'protobuf' : 'json';
}

/** A scenario as the protocol sides expect one: MQTT with one shared publisher, clean sessions. */
export function capacityScenario(o: ScenarioShape): Scenario {
  const options: VariantOptions =
    o.protocol === 'mqtt'
      ? { qos: o.qos, publishers: 'shared', session: 'clean', brokerUrl: o.brokerUrl ?? '' }
      : o.protocol === 'grpc'
        ? { channels: o.grpcChannels ?? 'per-client' }
        : {};
  return {
    id: `capacity/${o.protocol}/${o.clients}c`, protocol: o.protocol, encoding: encodingOf(o.protocol), payloadBytes: 16, messages: 1,
    clients: o.clients, variant: '', options, pattern: 'pingpong', ratePerClient: 1, warmupMessages: 0, samples: 1,
    timeoutMs: o.timeoutMs, clientsPerWorker: o.clients, ackBytes: 0, host: o.host, nagle: false,
  };
}

/**
 * CPU so far (read first, so the GC below is not counted as idle CPU), then memory after a
 * forced GC when node runs with --expose-gc. RSS is 0 when it cannot be read here; the
 * controller prefers /proc/<pid>/status anyway.
 */
export function measureMem(): Mem {
  const cpu = process.cpuUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const heapUsedBytes = getHeapStatistics().used_heap_size;
  let rssBytes = 0;
  try {
    // Opens /proc/self/stat: fails with EMFILE in a process whose descriptors are all in use.
    rssBytes = process.memoryUsage.rss();
  } catch {
    // the controller reads it from /proc/<pid>/status instead
  }
  return { rssBytes, heapUsedBytes, cpuUs: cpu.user + cpu.system, gcForced: gc !== undefined };
}

export function reply(body: CapacityReport): void {
  send({ type: 'capacity', body });
}

export function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
