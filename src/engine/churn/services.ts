/**
 * What a churn run starts once and stops at its end whatever happens: the MQTT broker when
 * an MQTT mode runs (chosen as `pushtui run` chooses it), and Redis when an outbox mode runs.
 * A Redis that cannot be had makes the outbox modes unavailable, with one line saying why;
 * the other modes still run.
 */
import { Redis } from 'ioredis';
import type { RunningBroker } from '../env/broker.js';
import { chooseBroker, externalBroker, redactUrl } from '../env/broker.js';
import { startAedes } from '../env/aedes.js';
import { startMosquitto } from '../env/mosquitto.js';
import { FD_OVERHEAD, readFdLimits } from '../env/ulimit.js';
import type { ChurnMode } from './modes.js';
import { MODE_INFO } from './modes.js';
import type { ChurnPlan } from './plan.js';
import { redisUsedMemory } from './outbox.js';
import type { RunningRedis } from './redis-server.js';
import { externalRedis, findRedisServer, REDIS_INSTALL, startRedisServer } from './redis-server.js';

export interface ChurnServices {
  broker?: RunningBroker;
  redis?: RunningRedis;
  /** The controller's own Redis connection: INFO memory only, no benchmark traffic. */
  monitor?: Redis;
  /** Modes that cannot run, and why (one line each). */
  unavailable: Map<ChurnMode, string>;
  notices: string[];
  versions: Record<string, string>;
  pids: number[];
  stop(): Promise<void>;
}

/** Messages mosquitto must queue per offline client: everything a client could miss, twice over. */
export function churnQueuedMessages(plan: ChurnPlan): number {
  return Math.max(1000, 2 * Math.ceil(((plan.baselineMs + plan.durationMs) / 1000) * plan.ratePerClient));
}

async function startBrokerFor(plan: ChurnPlan): Promise<{ broker: RunningBroker; notices: string[] }> {
  const { choice, notices } = await chooseBroker(plan.broker);
  const clients = Math.max(...plan.clients);
  const limits = await readFdLimits();
  const fds = 2 * clients + FD_OVERHEAD;
  switch (choice.kind) {
    case 'mosquitto':
      return { broker: await startMosquitto({ file: choice.file, host: plan.host, maxConnections: 2 * clients + 16, maxQueuedMessages: churnQueuedMessages(plan), noDelay: true, fds, limits }), notices };
    case 'aedes':
      return { broker: await startAedes({ host: plan.host, nagle: false, fds, limits }), notices };
    case 'external':
      return { broker: await externalBroker(choice.url), notices };
  }
}

async function startRedisFor(plan: ChurnPlan): Promise<RunningRedis | string> {
  try {
    if (plan.redis !== 'auto') return await externalRedis(plan.redis);
    const file = findRedisServer();
    if (!file) return `redis-server is not installed; ${REDIS_INSTALL}`;
    return await startRedisServer(file, plan.host);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export async function startChurnServices(plan: ChurnPlan, modes: readonly ChurnMode[]): Promise<ChurnServices> {
  const s: ChurnServices = {
    unavailable: new Map(), notices: [], versions: {}, pids: [],
    stop: async () => {
      s.monitor?.disconnect();
      await Promise.allSettled([s.broker?.stop(), s.redis?.stop()]);
    },
  };
  try {
    if (modes.some((m) => MODE_INFO[m].protocol === 'mqtt')) {
      const { broker, notices } = await startBrokerFor(plan);
      s.broker = broker;
      s.notices.push(...notices, `MQTT broker: ${broker.label} on ${redactUrl(broker.url)}; QoS 1/2 modes use persistent sessions (clean=false, stable client ids), queue up to ${churnQueuedMessages(plan)} per client`);
      s.versions[broker.kind] = broker.version;
      if (broker.pid) s.pids.push(broker.pid);
    }
    const outboxModes = modes.filter((m) => MODE_INFO[m].outbox);
    if (outboxModes.length) {
      const redis = await startRedisFor(plan);
      if (typeof redis === 'string') {
        for (const m of outboxModes) s.unavailable.set(m, redis);
        s.notices.push(`outbox modes (${outboxModes.join(', ')}) unavailable: ${redis}`);
      } else {
        s.redis = redis;
        s.notices.push(`outbox: ${redis.label} on ${redis.shownUrl}; streams pushtui:<run>:<client>, XADD per notification, XRANGE on resume, XTRIM MINID on ack`);
        if (redis.pid) s.pids.push(redis.pid);
        s.monitor = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
        s.monitor.on('error', () => undefined);
        await s.monitor.connect();
        const info = await s.monitor.info('server');
        s.versions.redis = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
      }
    }
  } catch (err) {
    await s.stop();
    throw err;
  }
  return s;
}

export async function usedMemory(s: ChurnServices): Promise<number> {
  return s.monitor ? ((await redisUsedMemory(s.monitor)) ?? 0) : 0;
}
