/** A churn cell seen as an engine Scenario, so the protocols' push sides can serve it unchanged. */
import type { Scenario } from '../scenario.js';
import type { ChurnCell } from './messages.js';
import { MODE_INFO } from './modes.js';

export function scenarioOf(cell: ChurnCell): Scenario {
  const info = MODE_INFO[cell.mode];
  const options: Scenario['options'] = info.protocol === 'mqtt'
    ? { qos: info.qos ?? 0, session: info.persistent ? 'persistent' : 'clean', publishers: 'per-client', brokerUrl: cell.brokerUrl ?? '' }
    : {};
  return {
    id: cell.id,
    protocol: info.protocol,
    encoding: info.protocol === 'grpc' ? 'protobuf' : cell.encoding,
    payloadBytes: cell.payloadBytes,
    messages: 0,
    clients: cell.clients,
    variant: cell.mode,
    options,
    pattern: 'rate',
    ratePerClient: cell.ratePerClient,
    warmupMessages: 0,
    samples: 1,
    timeoutMs: cell.timeoutMs,
    clientsPerWorker: cell.clients,
    ackBytes: 0,
    host: cell.host,
    nagle: false,
  };
}

/** The payload of an Ack that is a resume request: its seq is the next sequence the client needs. */
export const RESUME = 'resume';
