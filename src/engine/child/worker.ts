/**
 * A worker process: holds a share of a scenario's clients. Each client decodes its
 * notifications, records one-way delivery latency from the notification's monotonic
 * sentAt, and acks at once. Connect time is measured apart, per sample.
 */
import { nowNs, nsToUs } from '../clock.js';
import type { Codec } from '../codec.js';
import { codecFor, makePayload } from '../codec.js';
import type { ControllerMessage, WorkerSampleStats } from '../messages.js';
import { protocolFor } from '../protocols/index.js';
import type { ClientLink, ClientSide } from '../protocols/types.js';
import { reasonOf } from '../protocols/types.js';
import type { Scenario } from '../scenario.js';
import { createHistogram, encodeHistogram, IntervalRecorder } from '../stats.js';
import { ClientTally } from './client-tally.js';
import { send, TICK_MS } from './ipc.js';
import { ResourceSampler } from './resources.js';

/** Clients that may be mid-handshake at once in one worker. */
const CONNECT_CONCURRENCY = 256;

interface Client {
  id: string;
  link: ClientLink | undefined;
}

class WorkerState {
  clients: Client[] = [];
  stats: WorkerSampleStats = freshStats();
  received = 0;
}

function freshStats(): WorkerSampleStats {
  return { received: 0, duplicates: 0, outOfOrder: 0, stale: 0, decodeErrors: 0, disconnects: 0, errors: {} };
}

export function startWorker(): (msg: ControllerMessage) => Promise<void> {
  let scenario: Scenario | undefined;
  let side: ClientSide | undefined;
  let ids: string[] = [];
  let codec: Codec | undefined;
  let sample = 0;
  const state = new WorkerState();
  const recorder = new IntervalRecorder<'oneWayUs'>(['oneWayUs']);
  const resources = new ResourceSampler();
  const takeReceived = (): number => {
    const n = state.received;
    state.received = 0;
    return n;
  };
  const ticker = setInterval(() => {
    send({ type: 'tick', role: 'worker', sample, hist: recorder.flush(), events: takeReceived(), resources: resources.sample() });
  }, TICK_MS);

  return async (msg) => {
    switch (msg.type) {
      case 'init':
        scenario = msg.scenario;
        ids = msg.clientIds;
        codec = codecFor(scenario.encoding);
        side = protocolFor(scenario.protocol).createClientSide(scenario);
        return;
      case 'connect': {
        if (!scenario || !side || !codec) throw new Error('connect before init');
        const sampleStartNs = nowNs();
        sample = msg.sample;
        state.stats = freshStats();
        await connectAll({ scenario, side, codec, ids, endpoint: msg.endpoint, sample, sampleStartNs, state, recorder });
        return;
      }
      case 'disconnect': {
        await Promise.all(state.clients.map((c) => c.link?.close() ?? Promise.resolve()));
        state.clients = [];
        send({ type: 'tick', role: 'worker', sample, hist: recorder.flush(), events: takeReceived(), resources: resources.sample() });
        send({ type: 'disconnected', sample: msg.sample, stats: state.stats, hist: {} });
        return;
      }
      case 'stop':
        clearInterval(ticker);
        resources.stop();
        await side?.close();
        process.exit(0);
        return;
      case 'prepare':
      case 'go':
      case 'capacity':
        throw new Error(`worker got ${msg.type}`);
    }
  };
}

interface ConnectJob {
  scenario: Scenario;
  side: ClientSide;
  codec: Codec;
  ids: readonly string[];
  endpoint: string;
  sample: number;
  /** When this worker got the sample's `connect`: notifications sent before it are stale (client-tally.ts). */
  sampleStartNs: number;
  state: WorkerState;
  recorder: IntervalRecorder<'oneWayUs'>;
}

/** Connects every client of this worker (bounded concurrency), then reports once. */
async function connectAll(job: ConnectJob): Promise<void> {
  const { scenario, side, codec, ids, endpoint, state, recorder } = job;
  const total = scenario.warmupMessages + scenario.messages;
  const ackPayload = makePayload(scenario.ackBytes);
  const connectHist = createHistogram();
  const errors: Record<string, number> = {};
  const ok: string[] = [];
  const stats = state.stats;
  let next = 0;
  const connectOne = async (id: string): Promise<void> => {
    const client: Client = { id, link: undefined };
    const tally = new ClientTally({ total, warmupMessages: scenario.warmupMessages, sampleStartNs: job.sampleStartNs, stats, recordOneWayUs: (us) => recorder.record('oneWayUs', us) });
    const t0 = nowNs();
    try {
      client.link = await side.connect(endpoint, id, {
        onNotification: (bytes) => {
          const t = nowNs();
          let n;
          try {
            n = codec.decodeNotification(bytes);
          } catch {
            stats.decodeErrors++;
            return;
          }
          if (tally.receive(n, t) === 'stale') return;
          state.received++;
          client.link?.sendAck(codec.encodeAck({ seq: n.seq, payload: ackPayload }));
        },
        onClose: (reason) => {
          stats.disconnects++;
          stats.errors[reason] = (stats.errors[reason] ?? 0) + 1;
        },
      });
      connectHist.recordValue(nsToUs(nowNs() - t0));
      state.clients.push(client);
      ok.push(id);
    } catch (err) {
      const reason = reasonOf(err);
      errors[reason] = (errors[reason] ?? 0) + 1;
    }
  };
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++];
      if (id !== undefined) await connectOne(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, ids.length) }, lane));
  send({
    type: 'connected',
    sample: job.sample,
    ok,
    failed: ids.length - ok.length,
    errors,
    hist: connectHist.totalCount > 0 ? { connectUs: encodeHistogram(connectHist) } : {},
  });
}
