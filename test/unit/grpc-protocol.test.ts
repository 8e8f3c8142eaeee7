import { describe, expect, it } from 'vitest';
import { parsePlan, PRESETS } from '../../src/engine/plan.js';
import { protocolFor } from '../../src/engine/protocols/index.js';
import { grpcProtocol } from '../../src/engine/protocols/grpc.js';
import { statusName, streamMethod } from '../../src/engine/protocols/grpc-service.js';
import { expandScenarios } from '../../src/engine/scenario.js';

describe('gRPC planning', () => {
  it('always runs protobuf, whatever --encoding says', () => {
    const plan = parsePlan({ protocols: ['ws', 'grpc'], encodings: ['json', 'protobuf'], clients: [1], messages: [1] });
    const ids = expandScenarios(plan, protocolFor).map((s) => s.id);
    expect(ids).toEqual(['ws/json/1500B/1m/1c', 'ws/protobuf/1500B/1m/1c', 'grpc/protobuf/1500B/1m/1c']);
  });

  it('labels shared channels as a variant and passes the mode to both sides', () => {
    const shared = expandScenarios(parsePlan({ protocols: ['grpc'], grpcChannels: ['shared'], clients: [1], messages: [1] }), protocolFor);
    expect(shared[0]?.id).toBe('grpc-shared/protobuf/1500B/1m/1c');
    expect(shared[0]?.options).toEqual({ channels: 'shared' });
    const perClient = expandScenarios(parsePlan({ protocols: ['grpc'], clients: [1], messages: [1] }), protocolFor);
    expect(perClient[0]?.options).toEqual({ channels: 'per-client' });
    const both = expandScenarios(parsePlan({ protocols: ['grpc'], grpcChannels: ['per-client', 'shared'], clients: [1], messages: [1] }), protocolFor);
    expect(both.map((s) => s.id)).toEqual(['grpc/protobuf/1500B/1m/1c', 'grpc-shared/protobuf/1500B/1m/1c']);
  });

  it('refuses an unknown channel mode with the flag name', () => {
    expect(() => parsePlan({ grpcChannels: ['pooled'] })).toThrow('--grpc-channels: grpc-channels must be per-client or shared');
  });

  it('is in the seed preset beside ws and mqtt', () => {
    expect(parsePlan(PRESETS.seed).protocols).toEqual(['ws', 'mqtt', 'grpc']);
  });
});

describe('gRPC fairness facts', () => {
  const base = expandScenarios(parsePlan({ protocols: ['grpc'], clients: [5], messages: [1], clientsPerWorker: 2 }), protocolFor)[0];
  if (!base) throw new Error('no scenario');

  it('counts one TCP connection per client, or one per worker process when shared', () => {
    expect(grpcProtocol.facts(base).tcpConnections).toBe(5);
    expect(grpcProtocol.facts({ ...base, options: { channels: 'shared' } }).tcpConnections).toBe(3);
  });

  it('says that --nagle reaches the pusher sockets only', () => {
    expect(grpcProtocol.facts(base).nagle).toBe('off');
    const on = grpcProtocol.facts({ ...base, nagle: true });
    expect(on.nagle).toBe('on');
    expect(on.notes.join(' ')).toContain('pusher sockets only');
  });
});

describe('gRPC service from the proto', () => {
  it('finds the bidirectional Stream method by reflection', () => {
    const { path, definition } = streamMethod();
    expect(path).toBe('/pushtui.v1.Push/Stream');
    expect(definition.Stream).toMatchObject({ requestStream: true, responseStream: true });
  });

  it('names status codes', () => {
    expect(statusName(14)).toBe('UNAVAILABLE');
    expect(statusName(1)).toBe('CANCELLED');
    expect(statusName(99)).toBe('status 99');
  });
});
