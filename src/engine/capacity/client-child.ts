/**
 * A capacity client process (role `worker`): opens its share of the idle connections at
 * its share of the connect rate (each one subscribed / stream open, as an online driver
 * would be), times each connect, counts failures by reason, then holds them and counts
 * what arrives and what drops.
 */
import { nowNs, nsToUs } from '../clock.js';
import type { ControllerMessage } from '../messages.js';
import { protocolFor } from '../protocols/index.js';
import type { ClientLink, ClientSide } from '../protocols/types.js';
import { reasonOf } from '../protocols/types.js';
import { createHistogram, encodeHistogram } from '../stats.js';
import type { CapacityCommand, ClientInit } from './messages.js';
import { bump, capacityScenario, measureMem, reply } from './child-common.js';
import { launchWindowMs, PROGRESS_MS } from './pacing.js';

/** Connects that may be in flight at once in one worker. */
const MAX_IN_FLIGHT = 512;
/** How often the pacing loop wakes up, ms. */
const PACE_MS = 5;

/** errno names worth telling apart even when a library wraps them (grpc-js puts them in `details`). */
const ERRNO = /\b(EMFILE|ENFILE|EADDRNOTAVAIL|EADDRINUSE|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOBUFS|ENOMEM)\b/;

/** A countable failure reason: an errno named anywhere in the error wins over a wrapper's code. */
export function failureReason(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  const text = err instanceof Error ? `${typeof code === 'string' ? code : ''} ${err.message}` : String(err);
  return ERRNO.exec(text)?.[1] ?? reasonOf(err);
}

export function startCapacityClient(): (msg: ControllerMessage) => Promise<void> {
  let side: ClientSide | undefined;
  let init: ClientInit | undefined;
  const links: ClientLink[] = [];
  const drops: Record<string, number> = {};
  let received = 0;

  return async (msg) => {
    if (msg.type === 'stop') {
      await Promise.race([side?.close(), new Promise((r) => setTimeout(r, 3000))]);
      process.exit(0);
    }
    if (msg.type !== 'capacity') throw new Error(`capacity client got ${msg.type}`);
    const cmd = msg.body as CapacityCommand;
    switch (cmd.kind) {
      case 'client':
        init = cmd;
        side = protocolFor(cmd.protocol).createClientSide(capacityScenario({ ...cmd, host: '127.0.0.1', clients: cmd.count }));
        reply({ kind: 'ready', endpoint: '', mem: measureMem() });
        return;
      case 'connect': {
        if (!side || !init) throw new Error('connect before init');
        const handlers = { onNotification: () => void received++, onClose: (reason: string) => bump(drops, reason) };
        reply(await connectPaced(side, init, handlers, links));
        return;
      }
      case 'measure':
        reply({ kind: 'mem', mem: measureMem(), links: links.length, received, drops });
        return;
      case 'server':
      case 'send':
        throw new Error(`capacity client got ${cmd.kind}`);
    }
  };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

type Handlers = Parameters<ClientSide['connect']>[2];

/**
 * Starts connect i at i / rate seconds (at most MAX_IN_FLIGHT pending), each bounded by
 * the timeout; a link that opens after its timeout is closed and counted as `timeout`.
 * Launching stops after launchWindowMs (a machine that cannot keep the rate).
 */
async function connectPaced(side: ClientSide, init: ClientInit, handlers: Handlers, links: ClientLink[]) {
  const hist = createHistogram();
  const errors: Record<string, number> = {};
  const start = performance.now();
  let launched = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  // Unasked progress for the controller's memory curve; ask() lets these pass by.
  const progress = setInterval(() => reply({ kind: 'progress', open: links.length, failed: sum(errors) }), PROGRESS_MS);
  const one = async (i: number): Promise<void> => {
    const index = init.first + i;
    const endpoint = init.endpoints[index % init.endpoints.length] ?? '';
    const t0 = nowNs();
    let timer: NodeJS.Timeout | undefined;
    const attempt = side.connect(endpoint, `c${index}`, handlers);
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), init.timeoutMs + 1000)));
    try {
      const link = await Promise.race([attempt, timeout]);
      if (link === 'timeout') {
        bump(errors, 'timeout');
        void attempt.then((l) => l.close(), () => undefined);
        return;
      }
      hist.recordValue(Math.max(1, nsToUs(nowNs() - t0)));
      links.push(link);
    } catch (err) {
      bump(errors, failureReason(err));
    } finally {
      clearTimeout(timer);
    }
  };
  const window = launchWindowMs(init.count, init.ratePerSec);
  try {
    while (launched < init.count && performance.now() - start < window) {
      const due = Math.min(init.count, Math.floor(((performance.now() - start) / 1000) * init.ratePerSec) + 1);
      while (launched < due && inFlight < MAX_IN_FLIGHT) {
        inFlight++;
        const p: Promise<void> = one(launched++).finally(() => {
          inFlight--;
          pending.delete(p);
        });
        pending.add(p);
      }
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    await Promise.all(pending);
  } finally {
    clearInterval(progress);
  }
  // A machine too busy to keep the rate: what was never started is counted, not dropped.
  if (launched < init.count) errors['not started: connect rate not sustained'] = init.count - launched;
  const ok = hist.totalCount;
  return { kind: 'connected' as const, ok, failed: init.count - ok, errors, connectUs: encodeHistogram(hist), elapsedMs: performance.now() - start };
}
