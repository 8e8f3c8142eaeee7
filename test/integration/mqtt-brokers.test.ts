import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../src/engine/plan.js';
import type { Collected } from '../helpers/run.js';
import { collectRun, expectAllGone, requireProgram } from '../helpers/run.js';
import { brokerDirWatcher, brokerPid, mosquittoTempDirs, tinyMqttPlan } from '../helpers/mqtt.js';
import { usePrivateTmpdir } from '../helpers/tmpdir.js';

const mosquitto = requireProgram('mosquitto');

usePrivateTmpdir();

/** Every QoS row and the retained row against one broker kind, with counts that must hold exactly. */
function deliversEveryMessage(broker: 'mosquitto' | 'aedes'): void {
  /** Runs `input`; mosquitto's config dir must have been there while it ran, and be gone after. */
  async function runLeavingNoDir(input: PlanInput): Promise<Collected> {
    const dirs = brokerDirWatcher();
    const run = await collectRun(input, { onEvent: dirs.onEvent });
    expect(dirs.seen()).toHaveLength(broker === 'mosquitto' ? 1 : 0);
    expect(mosquittoTempDirs()).toEqual([]);
    return run;
  }

  it('runs QoS 0, 1, 2 and the retained row with no loss, and leaves nothing behind', async () => {
    const run = await runLeavingNoDir(tinyMqttPlan({ broker, qos: [0, 1, 2], mqttRetained: true }));
    expect(run.error).toBeUndefined();
    const result = run.result!;
    expect(result.scenarios.map((s) => s.scenario.variant)).toEqual(['qos0', 'qos1', 'qos2', 'retained']);
    expect(result.host.libraries[broker]).toMatch(/^\d+\.\d+/);
    expect(result.notices.join('\n')).toContain(`MQTT broker: ${broker}`);
    for (const s of result.scenarios) {
      expect(s.status, `${s.scenario.id}: ${s.error ?? ''}`).toBe('ok');
      expect(s.failures).toBe(0);
      expect(s.counts.lost).toBe(0);
      expect(s.counts.acked).toBe(2 * 6);
      expect(s.latency.rttUs.count).toBe(2 * 5);
      expect(s.latency.oneWayUs.count).toBe(2 * 5);
      expect(s.latency.connectUs.count).toBe(2);
      expect(s.fairness.tcpConnections).toBe(4);
      expect(s.fairness.wireBytesPerNotification).toBeGreaterThan(s.fairness.encodedNotificationBytes);
      expect(s.resources.broker?.processes).toBe(1);
      expect(s.resources.broker?.rssMaxBytes).toBeGreaterThan(0);
    }
    // broker-level QoS packets are counted on the wire: each QoS step costs more bytes per ack
    const [q0, q1, q2] = result.scenarios.map((s) => s.fairness.wireBytesPerAck);
    expect(q1!).toBeGreaterThan(q0!);
    expect(q2!).toBeGreaterThan(q1!);
    expect(brokerPid(run.events)).toBeGreaterThan(0);
    await expectAllGone([...run.pids, brokerPid(run.events)!]);
  });

  it('runs shared publishers, protobuf, burst and persistent sessions', async () => {
    const run = await runLeavingNoDir(tinyMqttPlan({ broker, qos: [1], encodings: ['protobuf'], pattern: 'burst', mqttPublishers: 'shared', mqttSession: 'persistent', samples: 2 }));
    const [s] = run.result!.scenarios;
    expect(s!.status).toBe('ok');
    expect(s!.failures).toBe(0);
    expect(s!.fairness.tcpConnections).toBe(3);
    expect(s!.latency.rttUs.count).toBe(2 * 2 * 5);
    await expectAllGone([...run.pids, brokerPid(run.events)!]);
  });

  it('delivers a QoS 2 burst larger than an inflight window (mosquitto 2.0 stalled it at 20)', async () => {
    const run = await runLeavingNoDir(tinyMqttPlan({ broker, qos: [2], pattern: 'burst', messages: [60], samples: 1 }));
    const [s] = run.result!.scenarios;
    expect(s!.status).toBe('ok');
    expect(s!.counts.lost).toBe(0);
    expect(s!.counts.clientsTimedOut).toBe(0);
    expect(s!.latency.rttUs.count).toBe(2 * 60);
    await expectAllGone([...run.pids, brokerPid(run.events)!]);
  });
}

describe.skipIf(mosquitto.skip)(`MQTT through mosquitto${mosquitto.skip ? ` (${mosquitto.reason})` : ""}`, () => deliversEveryMessage('mosquitto'));

describe('MQTT through the embedded aedes broker', () => deliversEveryMessage('aedes'));
