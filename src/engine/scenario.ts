/**
 * A scenario is one cell of the matrix: protocol x encoding x payload x messages x clients
 * (x a protocol's own variant, such as MQTT QoS). Each runs `samples` times.
 */
import type { Encoding } from './codec.js';
import type { Pattern, Plan } from './plan.js';
import type { ProtocolName } from './protocols/names.js';

/** Protocol-specific settings of one scenario, plain JSON (e.g. `{qos: 1}`). */
export type VariantOptions = Record<string, string | number | boolean>;

export interface Scenario {
  /** Stable and readable: `ws/json/1500B/100m/10c`. */
  id: string;
  protocol: ProtocolName;
  encoding: Encoding;
  payloadBytes: number;
  messages: number;
  clients: number;
  /** Row label part for the protocol's variant ('' when none), e.g. `qos1`. */
  variant: string;
  options: VariantOptions;
  pattern: Pattern;
  ratePerClient: number;
  warmupMessages: number;
  samples: number;
  timeoutMs: number;
  clientsPerWorker: number;
  ackBytes: number;
  host: string;
  nagle: boolean;
}

export interface ProtocolPlanning {
  /** Encodings this protocol runs for the plan (gRPC: always protobuf). */
  encodings(plan: Plan): Encoding[];
  /** Variants this protocol runs for the plan; one `{label: '', options: {}}` when none. */
  variants(plan: Plan): { label: string; options: VariantOptions }[];
}

export function scenarioId(s: Pick<Scenario, 'protocol' | 'encoding' | 'variant' | 'payloadBytes' | 'messages' | 'clients'>): string {
  const proto = s.variant ? `${s.protocol}-${s.variant}` : s.protocol;
  return `${proto}/${s.encoding}/${s.payloadBytes}B/${s.messages}m/${s.clients}c`;
}

/** Row of the matrix: protocol (+variant) x encoding x payload. */
export function rowKey(s: Pick<Scenario, 'protocol' | 'variant' | 'encoding' | 'payloadBytes'>): string {
  const proto = s.variant ? `${s.protocol} ${s.variant}` : s.protocol;
  return `${proto} ${s.encoding} ${s.payloadBytes}B`;
}

/** Column of the matrix: messages x clients. */
export function columnKey(s: Pick<Scenario, 'messages' | 'clients'>): string {
  return `${s.messages}m x ${s.clients}c`;
}

export function expandScenarios(plan: Plan, planning: (p: ProtocolName) => ProtocolPlanning): Scenario[] {
  const out: Scenario[] = [];
  for (const protocol of plan.protocols) {
    const p = planning(protocol);
    for (const variant of p.variants(plan)) {
      for (const encoding of p.encodings(plan)) {
        for (const payloadBytes of plan.payloadBytes) {
          for (const clients of plan.clients) {
            for (const messages of plan.messages) {
              const base = { protocol, encoding, variant: variant.label, payloadBytes, messages, clients };
              out.push({
                ...base,
                id: scenarioId(base),
                options: variant.options,
                pattern: plan.pattern,
                ratePerClient: plan.ratePerClient,
                warmupMessages: plan.warmupMessages,
                samples: plan.samples,
                timeoutMs: plan.timeoutMs,
                clientsPerWorker: plan.clientsPerWorker,
                ackBytes: plan.ackBytes,
                host: plan.host,
                nagle: plan.nagle,
              });
            }
          }
        }
      }
    }
  }
  return out;
}

/** Worker processes a scenario needs, and the client ids each one holds. */
export function splitClients(clients: number, clientsPerWorker: number): string[][] {
  const workers = Math.ceil(clients / clientsPerWorker);
  const perWorker = Math.ceil(clients / workers);
  const out: string[][] = [];
  for (let w = 0; w < workers; w++) {
    const ids: string[] = [];
    for (let c = w * perWorker; c < Math.min(clients, (w + 1) * perWorker); c++) ids.push(`c${c}`);
    out.push(ids);
  }
  return out;
}
