/**
 * Checks a plan against this machine before anything starts: open-file limits (raised
 * per child where the hard limit allows) and ephemeral ports. A plan that cannot fit is
 * refused with a PlanError that says what to run and the largest plan that fits.
 */
import type { BrokerChoice } from './env/broker.js';
import { chooseBroker } from './env/broker.js';
import type { ProgramLookup } from './env/mosquitto.js';
import type { FdLimits } from './env/ulimit.js';
import { ephemeralPorts, FD_OVERHEAD, raiseAdvice, readFdLimits } from './env/ulimit.js';
import type { Plan } from './plan.js';
import { PlanError } from './plan.js';
import { protocolFor } from './protocols/index.js';
import type { Scenario } from './scenario.js';
import { expandScenarios } from './scenario.js';

export const MAX_SCENARIOS = 2000;

export interface Preflight {
  scenarios: Scenario[];
  limits: FdLimits;
  notices: string[];
  /** The MQTT broker to start, when the plan has MQTT. */
  broker?: BrokerChoice;
}

/** Descriptors the push side holds for a scenario (one socket per client, plus overhead). */
export function pusherFds(s: Pick<Scenario, 'clients'>): number {
  return s.clients + FD_OVERHEAD;
}

export function workerFds(s: Pick<Scenario, 'clients' | 'clientsPerWorker'>): number {
  return Math.min(s.clients, s.clientsPerWorker) + FD_OVERHEAD;
}

/** Descriptors a local MQTT broker holds for a scenario: every client and publisher connection (0 when not MQTT or external). */
export function brokerFds(s: Scenario, plan: Pick<Plan, 'broker'>): number {
  if (s.protocol !== 'mqtt' || plan.broker.includes('://')) return 0;
  return protocolFor(s.protocol).facts(s).tcpConnections + FD_OVERHEAD;
}

export function checkFds(plan: Plan, scenarios: readonly Scenario[], limits: FdLimits, ports?: { low: number; high: number }): string[] {
  const notices: string[] = [];
  const maxClients = Math.max(...plan.clients);
  const worst = scenarios.reduce((m, s) => Math.max(m, pusherFds(s), workerFds(s), brokerFds(s, plan)), 0);
  const toOnePort = scenarios.reduce((m, s) => Math.max(m, protocolFor(s.protocol).facts(s).tcpConnections), 0);
  if (worst > limits.hard) {
    // Descriptors grow linearly with clients (MQTT's broker holds two per client): scale back.
    const fits = Math.floor(((limits.hard - FD_OVERHEAD) * maxClients) / Math.max(1, worst - FD_OVERHEAD));
    throw new PlanError(
      `${maxClients} clients need ${worst} open files in one process but the hard limit is ${limits.hard}; ` +
        `raise it (${raiseAdvice(worst)}) or use --clients ${fits} or fewer`,
    );
  }
  if (worst > limits.soft) notices.push(`open-file soft limit ${limits.soft} raised to ${worst} for the children that need it (hard ${limits.hard})`);
  if (ports) {
    const range = ports.high - ports.low + 1;
    if (toOnePort > range) {
      throw new PlanError(
        `${maxClients} clients need ${toOnePort} connections to one server port but the ephemeral ports ${ports.low}-${ports.high} are ${range}; ` +
          `use --clients ${Math.floor((range * maxClients) / toOnePort)} or fewer`,
      );
    }
  }
  return notices;
}

/** `lookup` lets tests decide whether mosquitto is installed. */
export async function preflight(plan: Plan, env: { lookup?: ProgramLookup } = {}): Promise<Preflight> {
  const scenarios = expandScenarios(plan, protocolFor);
  if (scenarios.length === 0) throw new PlanError('the plan has no scenarios');
  if (scenarios.length > MAX_SCENARIOS) throw new PlanError(`the plan has ${scenarios.length} scenarios; at most ${MAX_SCENARIOS}`);
  const limits = await readFdLimits();
  const notices = checkFds(plan, scenarios, limits, await ephemeralPorts());
  if (plan.pattern === 'rate') notices.push('rate pattern: round trips are taken from the intended send time (coordinated omission corrected); uncorrected shown beside');
  if (plan.warmupMessages > 0) notices.push(`warm-up: the first ${plan.warmupMessages} messages per client are sent and excluded from latency`);
  for (const name of plan.protocols) {
    const used = protocolFor(name).encodings(plan);
    const skipped = plan.encodings.filter((e) => !used.includes(e));
    if (skipped.length) notices.push(`${name} always runs ${used.join(', ')}: --encoding ${skipped.join(', ')} does not apply to it`);
  }
  if (!plan.protocols.includes('mqtt')) return { scenarios, limits, notices };
  const broker = await chooseBroker(plan.broker, env.lookup);
  return { scenarios, limits, notices: [...notices, ...broker.notices], broker: broker.choice };
}
