/** The protocol registry: name -> implementation. A new protocol registers here and in names.ts. */
import { grpcProtocol } from './grpc.js';
import type { ProtocolName } from './names.js';
import type { Protocol } from './types.js';
import { mqttProtocol } from './mqtt.js';
import { wsProtocol } from './ws.js';

const REGISTRY: Record<ProtocolName, Protocol> = {
  ws: wsProtocol,
  mqtt: mqttProtocol,
  grpc: grpcProtocol,
};

export function protocolFor(name: ProtocolName): Protocol {
  return REGISTRY[name];
}
