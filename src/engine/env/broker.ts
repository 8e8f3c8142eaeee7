/**
 * The MQTT broker of a run, chosen by `--broker`:
 *   auto       mosquitto if installed, else the embedded aedes broker (with a notice)
 *   mosquitto  mosquitto, or a PlanError that says how to install it
 *   aedes      the embedded aedes broker in its own child process
 *   mqtt://..  an external broker: nothing is started; credentials are never reported
 * It is started once per run (see services.ts) and stopped on every exit path.
 */
import type { Resources } from '../messages.js';
import type { Plan } from '../plan.js';
import { PlanError } from '../plan.js';
import { connectMqtt, endMqtt } from '../protocols/mqtt-common.js';
import type { ProgramLookup } from './mosquitto.js';
import { findMosquitto, MOSQUITTO_DIRS, MOSQUITTO_INSTALL } from './mosquitto.js';

export type BrokerChoice = { kind: 'mosquitto'; file: string } | { kind: 'aedes' } | { kind: 'external'; url: string };

export interface RunningBroker {
  kind: BrokerChoice['kind'];
  /** What reports show, e.g. `mosquitto 2.0.11`. */
  label: string;
  version: string;
  /** The URL clients dial. An external one may hold credentials: report `redactUrl(url)` only. */
  url: string;
  /** The broker's process, undefined for an external broker. */
  pid: number | undefined;
  /** Resolves when the broker exits without being asked to; never resolves otherwise. */
  died: Promise<BrokerDiedError>;
  /** Resource samples (about every 200 ms) while listening; returns the function that stops them. */
  onResources(listener: (r: Resources) => void): () => void;
  stop(): Promise<void>;
}

/** The broker could not be started (or an external one could not be reached). */
export class BrokerStartError extends Error {
  override name = 'BrokerStartError';
}

/** The broker went away during the run; scenarios that need it fail with this. */
export class BrokerDiedError extends Error {
  override name = 'BrokerDiedError';
}

/** `mqtt://user:pass@host:port` -> `mqtt://host:port`: anything reported goes through here. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/** The plan as it may be reported: no broker credentials. */
export function redactPlan(plan: Plan): Plan {
  return plan.broker.includes('://') ? { ...plan, broker: redactUrl(plan.broker) } : plan;
}

/** Decides which broker a plan uses (before anything starts); throws PlanError when it cannot be had. */
export async function chooseBroker(broker: string, lookup: ProgramLookup = {}): Promise<{ choice: BrokerChoice; notices: string[] }> {
  if (broker.includes('://')) {
    return { choice: { kind: 'external', url: broker }, notices: [`MQTT: external broker ${redactUrl(broker)}; pushtui starts none and cannot measure its CPU or memory`] };
  }
  if (broker === 'aedes') return { choice: { kind: 'aedes' }, notices: ['MQTT: embedded aedes broker (--broker aedes), in its own process'] };
  const file = await findMosquitto(lookup);
  if (file) return { choice: { kind: 'mosquitto', file }, notices: [] };
  if (broker === 'mosquitto') throw new PlanError(`--broker mosquitto: mosquitto is not installed; ${MOSQUITTO_INSTALL}`);
  const where = ['PATH', ...(lookup.extraDirs ?? MOSQUITTO_DIRS)].join(', ');
  return {
    choice: { kind: 'aedes' },
    notices: [`MQTT: mosquitto not found (${where}), so the embedded aedes broker runs instead, in its own process; to measure mosquitto, ${MOSQUITTO_INSTALL}`],
  };
}

/** Polls until an MQTT client connects to `url` (bounded); stops early if the broker process exits. */
export async function waitForBroker(url: string, exited?: Promise<unknown>, timeoutMs = 5000): Promise<{ ok: true } | { ok: false; reason: string }> {
  const until = performance.now() + timeoutMs;
  let gone = false;
  void exited?.then(() => (gone = true));
  let reason = 'not ready';
  while (!gone && performance.now() < until) {
    try {
      const probe = await connectMqtt(url, { clientId: `pushtui-probe-${process.pid}`, clean: true, nagle: false, timeoutMs: 1000 });
      await endMqtt(probe, 200);
      if (!gone) return { ok: true };
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { ok: false, reason: gone ? 'the broker exited' : `no MQTT connect within ${timeoutMs} ms (${reason})` };
}

/** An external broker: checked once, never started or stopped. */
export async function externalBroker(url: string): Promise<RunningBroker> {
  const ready = await waitForBroker(url);
  if (!ready.ok) throw new BrokerStartError(`cannot reach the MQTT broker at ${redactUrl(url)}: ${ready.reason}`);
  return {
    kind: 'external',
    label: `external broker ${redactUrl(url)}`,
    version: 'unknown',
    url,
    pid: undefined,
    died: new Promise<never>(() => undefined),
    onResources: () => () => undefined,
    stop: () => Promise.resolve(),
  };
}
