/**
 * Run services: processes a run starts once, before its first scenario, and stops after
 * its last whatever happens (today only the MQTT broker). A service hands its served
 * scenarios options (e.g. the broker URL), reports versions and notices, and samples
 * its own CPU and memory. When it dies, the scenario running on it fails with the
 * reason and later scenarios that need it are reported as not run.
 */
import type { RunningBroker } from './env/broker.js';
import { externalBroker, redactUrl } from './env/broker.js';
import { startAedes } from './env/aedes.js';
import { startMosquitto } from './env/mosquitto.js';
import { libraryVersion } from './env/sysinfo.js';
import { FD_OVERHEAD } from './env/ulimit.js';
import type { Resources, Role } from './messages.js';
import type { Plan } from './plan.js';
import type { Preflight } from './preflight.js';
import { protocolFor } from './protocols/index.js';
import { ScenarioAccumulator } from './results.js';
import type { ScenarioResult } from './results.js';
import type { Scenario, VariantOptions } from './scenario.js';

export interface RunService {
  role: Role;
  pid: number | undefined;
  serves(s: Scenario): boolean;
  /** Options merged into a served scenario for its children (may hold secrets). */
  options: VariantOptions;
  /** The same options as they may be reported. */
  shownOptions: VariantOptions;
  versions: Record<string, string>;
  notices: string[];
  /** Why the service died, once it has. */
  deadReason(): string | undefined;
  /** Resolves when the service dies on its own. */
  died: Promise<ServiceDiedError>;
  onResources(listener: (r: Resources) => void): () => void;
  stop(): Promise<void>;
}

/** A service a scenario depends on died: the scenario failed (it was not aborted). */
export class ServiceDiedError extends Error {
  override name = 'ServiceDiedError';
}

/** Queued messages per client mosquitto must hold for a burst (its default of 1000 would drop some). */
export function queuedMessagesFor(plan: Plan): number {
  return Math.max(1000, 2 * (plan.warmupMessages + Math.max(...plan.messages)));
}

/** Connections to the broker in the busiest MQTT scenario (clients + publishers). */
export function brokerConnections(scenarios: readonly Scenario[]): number {
  return scenarios.filter((s) => s.protocol === 'mqtt').reduce((m, s) => Math.max(m, protocolFor('mqtt').facts(s).tcpConnections), 0);
}

async function startBroker(plan: Plan, pre: Preflight): Promise<RunningBroker> {
  const choice = pre.broker;
  const connections = brokerConnections(pre.scenarios);
  const fds = connections + FD_OVERHEAD;
  switch (choice?.kind) {
    case 'mosquitto':
      return startMosquitto({
        file: choice.file, host: plan.host, maxConnections: 2 * connections + 16, maxQueuedMessages: queuedMessagesFor(plan),
        noDelay: !plan.nagle, fds, limits: pre.limits,
      });
    case 'aedes':
      return startAedes({ host: plan.host, nagle: plan.nagle, fds, limits: pre.limits });
    case 'external':
      return externalBroker(choice.url);
    case undefined:
      throw new Error('no broker chosen');
  }
}

function brokerService(b: RunningBroker): RunService {
  let dead: string | undefined;
  const died = b.died.then((e) => {
    dead = e.message;
    return new ServiceDiedError(`MQTT broker died: ${e.message}`);
  });
  const shownUrl = redactUrl(b.url);
  return {
    role: 'broker',
    pid: b.pid,
    serves: (s) => s.protocol === 'mqtt',
    options: { brokerUrl: b.url, broker: b.label },
    shownOptions: { brokerUrl: shownUrl, broker: b.label },
    versions: { mqtt: libraryVersion('mqtt'), [b.kind === 'external' ? 'broker' : b.kind]: b.version },
    notices: [`MQTT broker: ${b.label} on ${shownUrl}`],
    deadReason: () => dead && `MQTT broker died: ${dead}`,
    died,
    onResources: (l) => b.onResources(l),
    stop: () => b.stop(),
  };
}

/** Starts what the plan's scenarios need (nothing unless MQTT is in the plan). */
export async function startServices(plan: Plan, pre: Preflight): Promise<RunService[]> {
  if (!pre.broker) return [];
  return [brokerService(await startBroker(plan, pre))];
}

/** The scenario its children get (with secrets) and the one reported. */
export function withServices(s: Scenario, services: readonly RunService[]): { run: Scenario; shown: Scenario } {
  const mine = services.filter((x) => x.serves(s));
  const merge = (pick: (x: RunService) => VariantOptions): Scenario => ({ ...s, options: Object.assign({ ...s.options }, ...mine.map(pick)) as VariantOptions });
  return { run: merge((x) => x.options), shown: merge((x) => x.shownOptions) };
}

/** A signal that aborts with the run, or with a ServiceDiedError when a service the scenario needs dies. */
export function scenarioSignal(run: AbortSignal, mine: readonly RunService[]): AbortSignal {
  const ac = new AbortController();
  for (const s of mine) void s.died.then((e) => ac.abort(e));
  return AbortSignal.any([run, ac.signal]);
}

/** The result of a scenario that could not run because a service it needs is gone. */
export function notRunResult(shown: Scenario, reason: string): ScenarioResult {
  return new ScenarioAccumulator(shown, protocolFor(shown.protocol).facts(shown), 0).result('failed', `not run: ${reason}`);
}
