import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BrokerStartError } from '../../src/engine/env/broker.js';
import { findMosquitto, freePort, startMosquitto } from '../../src/engine/env/mosquitto.js';
import type { RunEvent } from '../../src/engine/run.js';
import { collectRun, expectAllGone, isAlive, requireProgram } from '../helpers/run.js';
import { brokerDirWatcher, brokerPid, mosquittoTempDirs, tinyMqttPlan } from '../helpers/mqtt.js';
import { usePrivateTmpdir } from '../helpers/tmpdir.js';

const mosquitto = requireProgram('mosquitto');

usePrivateTmpdir();
const LIMITS = { soft: 1024, hard: 1024 };

/** Kills the broker once the first scenario is measuring; the run must fail it, skip the next MQTT row, and go on. */
async function killBrokerMidRun(broker: 'mosquitto' | 'aedes'): Promise<void> {
  const dirs = brokerDirWatcher();
  let killed = false;
  let pid: number | undefined;
  const events: RunEvent[] = [];
  const onEvent = (e: RunEvent): void => {
    events.push(e);
    dirs.onEvent(e);
    pid ??= brokerPid(events);
    if (!killed && pid && e.type === 'tick' && e.index === 0 && e.rttP50Us > 0) {
      killed = true;
      process.kill(pid, 'SIGKILL');
    }
  };
  const run = await collectRun(
    tinyMqttPlan({ broker, protocols: ['mqtt', 'ws'], qos: [1, 2], messages: [3000], timeoutMs: 20_000 }),
    { onEvent },
  );
  expect(killed).toBe(true);
  expect(run.error).toBeUndefined();
  const [first, second, ws] = run.result!.scenarios;
  expect(first!.status).toBe('failed');
  expect(first!.error).toMatch(/MQTT broker died/);
  expect(second!.status).toBe('failed');
  expect(second!.error).toMatch(/^not run: MQTT broker died/);
  expect(ws!.scenario.protocol).toBe('ws');
  expect(ws!.status).toBe('ok');
  await expectAllGone([...run.pids, pid!]);
  expect(dirs.seen()).toHaveLength(broker === 'mosquitto' ? 1 : 0);
  expect(mosquittoTempDirs()).toEqual([]);
}

function listen(port: number, host: string): Promise<Server> {
  return new Promise((resolve) => {
    const srv = createServer((s) => s.destroy());
    srv.listen(port, host, () => resolve(srv));
  });
}

describe('when the broker dies mid-run', () => {
  it.skipIf(mosquitto.skip)('mosquitto: fails the running scenario, skips the next MQTT one, keeps the rest', () => killBrokerMidRun('mosquitto'));
  it('aedes: fails the running scenario, skips the next MQTT one, keeps the rest', () => killBrokerMidRun('aedes'));
});

describe.skipIf(mosquitto.skip)('mosquitto start', () => {
  it('moves to another free port when the first is taken', async () => {
    const host = '127.0.0.1';
    const squatter = await listen(0, host);
    const taken = (squatter.address() as { port: number }).port;
    const tried: number[] = [];
    const file = (await findMosquitto())!;
    const broker = await startMosquitto({
      file, host, maxConnections: 10, maxQueuedMessages: 1000, noDelay: true, fds: 32, limits: LIMITS,
      pickPort: async (h) => {
        const port = tried.length === 0 ? taken : await freePort(h);
        tried.push(port);
        return port;
      },
    });
    try {
      expect(tried[0]).toBe(taken);
      expect(broker.url).not.toContain(`:${taken}`);
      expect(broker.version).toMatch(/^\d+\./);
    } finally {
      await broker.stop();
      squatter.close();
    }
    expect(isAlive(broker.pid!)).toBe(false);
  });

  it('fails clearly when every port it tries is taken, leaving no process or temp dir', async () => {
    const host = '127.0.0.1';
    const squatter = await listen(0, host);
    const taken = (squatter.address() as { port: number }).port;
    const file = (await findMosquitto())!;
    let dirsWhileTrying: string[] = [];
    const pickPort = (): Promise<number> => {
      dirsWhileTrying = mosquittoTempDirs();
      return Promise.resolve(taken);
    };
    try {
      const err = await startMosquitto({ file, host, maxConnections: 10, maxQueuedMessages: 1000, noDelay: true, fds: 32, limits: LIMITS, pickPort }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerStartError);
      expect((err as Error).message).toMatch(new RegExp(`mosquitto did not start: .*in use.*port ${taken}`));
    } finally {
      squatter.close();
    }
    expect(dirsWhileTrying).toHaveLength(1);
    expect(mosquittoTempDirs()).toEqual([]);
  });

  it('uses an external broker URL without starting one, and never reports its credentials', async () => {
    const file = (await findMosquitto())!;
    const broker = await startMosquitto({ file, host: '127.0.0.1', maxConnections: 20, maxQueuedMessages: 1000, noDelay: true, fds: 32, limits: LIMITS });
    try {
      const url = broker.url.replace('mqtt://', 'mqtt://alice:s3cret@');
      const run = await collectRun(tinyMqttPlan({ broker: url }));
      expect(run.result!.scenarios[0]!.status).toBe('ok');
      expect(run.result!.scenarios[0]!.resources.broker).toBeUndefined();
      expect(brokerPid(run.events)).toBeUndefined();
      expect(JSON.stringify(run.events)).not.toContain('s3cret');
      await expectAllGone(run.pids);
    } finally {
      await broker.stop();
    }
  });
});
