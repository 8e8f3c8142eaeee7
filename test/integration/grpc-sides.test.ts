/** The gRPC push and client sides in one process, over real grpc-js on loopback. */
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/engine/plan.js';
import { GrpcClientSide, GrpcStreamError } from '../../src/engine/protocols/grpc-client.js';
import { GrpcPushSide } from '../../src/engine/protocols/grpc-push.js';
import { grpcProtocol } from '../../src/engine/protocols/grpc.js';
import type { ClientLink } from '../../src/engine/protocols/types.js';
import { reasonOf } from '../../src/engine/protocols/types.js';
import type { Scenario } from '../../src/engine/scenario.js';
import { expandScenarios } from '../../src/engine/scenario.js';

function scenario(overrides: Partial<Scenario> = {}): Scenario {
  const [s] = expandScenarios(parsePlan({ protocols: ['grpc'], clients: [2], messages: [1] }), () => grpcProtocol);
  if (!s) throw new Error('no scenario');
  return { ...s, ...overrides };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pair(s: Scenario) {
  const push = new GrpcPushSide(s);
  const acks: [string, string][] = [];
  const closes: [string, string][] = [];
  const endpoint = await push.prepare({
    onAck: (id, bytes) => acks.push([id, Buffer.from(bytes).toString()]),
    onClose: (id, reason) => closes.push([id, reason]),
  });
  const clients = new GrpcClientSide(s);
  cleanups.push(() => push.close(), () => clients.close());
  return { push, clients, endpoint, acks, closes };
}

describe.each(['per-client', 'shared'])('gRPC sides, %s channels', (channels) => {
  it('opens a stream per client, pushes down it and reads acks up it', async () => {
    const { push, clients, endpoint, acks, closes } = await pair(scenario({ options: { channels } }));
    const got: string[] = [];
    const links: ClientLink[] = [];
    for (const id of ['c0', 'c1']) {
      const link = await clients.connect(endpoint, id, {
        onNotification: (bytes) => {
          got.push(`${id}:${Buffer.from(bytes).toString()}`);
          link.sendAck(Buffer.from(`ack-${id}`));
        },
        onClose: () => undefined,
      });
      links.push(link);
    }
    expect([...push.connected()].sort()).toEqual(['c0', 'c1']);
    push.send('c0', Buffer.from('n0'));
    push.send('c1', Buffer.from('n1'));
    await until(() => acks.length === 2);
    expect(got.sort()).toEqual(['c0:n0', 'c1:n1']);
    expect(acks.sort()).toEqual([['c0', 'ack-c0'], ['c1', 'ack-c1']]);
    const wire = push.wireBytes();
    expect(wire.sent).toBeGreaterThan(2 * (2 + 5 + 9));
    await Promise.all(links.map((l) => l.close()));
    await until(() => closes.length === 2);
    expect(closes.map(([, r]) => r)).toEqual(['closed', 'closed']);
    expect(push.connected().size).toBe(0);
  });
});

describe('gRPC failures are counted by status name', () => {
  it('a client with nothing listening fails to connect with UNAVAILABLE', async () => {
    const clients = new GrpcClientSide(scenario());
    cleanups.push(() => clients.close());
    const listener: Server = createServer();
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const free = (listener.address() as { port: number }).port;
    await new Promise<void>((r) => listener.close(() => r()));
    const err = await clients.connect(`127.0.0.1:${free}`, 'c0', { onNotification: () => undefined, onClose: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrpcStreamError);
    expect(reasonOf(err)).toBe('UNAVAILABLE');
  });

  it('a stream that never opens is given up after the timeout as DEADLINE_EXCEEDED', async () => {
    const mute: Server = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const sockets = new Set<Socket>();
    mute.on('connection', (s) => sockets.add(s));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => mute.close(() => r()));
    });
    const clients = new GrpcClientSide(scenario({ timeoutMs: 300 }));
    cleanups.push(() => clients.close());
    const port = (mute.address() as { port: number }).port;
    const err = await clients.connect(`127.0.0.1:${port}`, 'c0', { onNotification: () => undefined, onClose: () => undefined }).catch((e: unknown) => e);
    expect(reasonOf(err)).toBe('DEADLINE_EXCEEDED');
  });

  it('a server shut down mid-stream ends the client link with a status name', async () => {
    const { push, clients, endpoint } = await pair(scenario());
    const reasons: string[] = [];
    await clients.connect(endpoint, 'c0', { onNotification: () => undefined, onClose: (r) => reasons.push(r) });
    await push.close();
    await until(() => reasons.length === 1);
    expect(reasons[0]).toMatch(/^(UNAVAILABLE|CANCELLED|INTERNAL)$/);
  });

  it('the push side sees a client whose connection is lost as CANCELLED', async () => {
    const { clients, endpoint, closes } = await pair(scenario());
    const port = Number(endpoint.split(':').pop());
    const piped = new Set<Socket>();
    const proxy: Server = createServer((down) => {
      const up = connect(port, '127.0.0.1');
      for (const s of [down, up]) {
        piped.add(s);
        s.on('error', () => undefined);
      }
      down.pipe(up).pipe(down);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => proxy.close(() => r())));
    const reasons: string[] = [];
    await clients.connect(`127.0.0.1:${(proxy.address() as { port: number }).port}`, 'c0', {
      onNotification: () => undefined,
      onClose: (r) => reasons.push(r),
    });
    for (const s of piped) s.destroy();
    await until(() => closes.length === 1 && reasons.length === 1);
    expect(closes[0]).toEqual(['c0', 'CANCELLED']);
    expect(reasons[0]).toBe('UNAVAILABLE');
  });

  it('a stale stream of a reconnected client ending late is not reported against the new one', async () => {
    const { push, clients, endpoint, closes } = await pair(scenario());
    const noop = { onNotification: () => undefined, onClose: () => undefined };
    const old = await clients.connect(endpoint, 'c0', noop);
    const again = new GrpcClientSide(scenario());
    cleanups.push(() => again.close());
    const fresh = await again.connect(endpoint, 'c0', noop);
    await old.close();
    expect(closes).toEqual([]);
    expect([...push.connected()]).toEqual(['c0']);
    await fresh.close();
    await until(() => closes.length === 1);
    expect(closes).toEqual([['c0', 'closed']]);
  });
});

