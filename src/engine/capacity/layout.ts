/**
 * How a capacity run is spread over processes and loopback addresses so that no process
 * exceeds its open-file limit and no destination ip:port runs out of ephemeral ports
 * (the way emqtt-bench and Tsung get past one machine's limits):
 *
 *   clients: W worker processes, each under its fd limit
 *   ws/gRPC: S server processes, server k listening on 127.0.0.(k+1); client i dials server i % S
 *   MQTT:    one broker (mosquitto is one process): a target beyond its fd limit or one
 *            listener's ports is cut to what fits, with the reason and what to change.
 * Pure: limits come in as arguments.
 */
import type { FdLimits } from '../env/ulimit.js';
import { FD_OVERHEAD, raiseAdvice } from '../env/ulimit.js';
import type { ProtocolName } from '../protocols/names.js';
import type { CapacityPlan } from './plan.js';

/** Ephemeral ports kept free per destination (TIME_WAIT of earlier runs, other programs). */
export const PORT_MARGIN = 1000;
/** Loopback destination addresses used at most: 127.0.0.1 .. 127.0.0.250. */
export const MAX_DESTINATIONS = 250;

export interface PortRange {
  low: number;
  high: number;
}

export interface CapacityLayout {
  protocol: ProtocolName;
  target: number;
  /** Connections actually attempted: the target, or what fits when a limit cannot be passed. */
  attempted: number;
  /** Why attempted < target, and the command that would lift the limit. */
  limit?: { reason: string; advice: string };
  /** ws/gRPC: one server process per address; MQTT: the broker's address. */
  serverHosts: string[];
  /** Connections per server process (ws/gRPC) or on the broker (MQTT). */
  perServer: number;
  /** Connections per client worker process. */
  workerCounts: number[];
}

export function loopbackHost(k: number): string {
  return `127.0.0.${k + 1}`;
}

function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

export function planLayout(protocol: ProtocolName, target: number, plan: CapacityPlan, fds: FdLimits, ports: PortRange): CapacityLayout {
  const hard = Number.isFinite(fds.hard) ? fds.hard : 1_000_000;
  const perProcess = hard - FD_OVERHEAD;
  const perDest = Math.max(1, ports.high - ports.low + 1 - PORT_MARGIN);
  let attempted = target;
  let limit: CapacityLayout['limit'];
  let serverHosts: string[];
  let perServer: number;
  if (protocol === 'mqtt') {
    // The broker also holds the publisher's connection.
    const cap = Math.min(perProcess - 1, perDest);
    if (target > cap) {
      attempted = cap;
      limit =
        perProcess - 1 <= perDest
          ? { reason: `the MQTT broker is one process and its open-file hard limit is ${fds.hard}: about ${cap} connections fit`, advice: `raise it before starting pushtui, ${raiseAdvice(target + 2 * FD_OVERHEAD)}` }
          : { reason: `the broker listens on one ip:port and the ephemeral ports ${ports.low}-${ports.high} allow about ${cap} connections to it`, advice: 'widen the range: sudo sysctl -w net.ipv4.ip_local_port_range="1024 65535"' };
    }
    serverHosts = [loopbackHost(0)];
    perServer = attempted;
  } else {
    const serverCap = Math.min(perProcess, perDest, plan.connectionsPerServer > 0 ? plan.connectionsPerServer : Infinity);
    let servers = Math.ceil(target / serverCap);
    if (servers > MAX_DESTINATIONS) {
      servers = MAX_DESTINATIONS;
      attempted = servers * serverCap;
      limit = { reason: `${MAX_DESTINATIONS} server processes of ${serverCap} connections each are the most pushtui starts`, advice: `raise the open-file limit (${raiseAdvice(target)})` };
    }
    serverHosts = Array.from({ length: servers }, (_, k) => loopbackHost(k));
    perServer = Math.ceil(attempted / servers);
  }
  const perWorker = Math.max(1, Math.min(plan.connectionsPerWorker, perProcess));
  const workers = Math.max(1, Math.ceil(attempted / perWorker));
  return { protocol, target, attempted, limit, serverHosts, perServer, workerCounts: split(attempted, workers) };
}
