/** The protocols pushtui knows. Kept apart from their implementations so that the plan schema stays light. */
export const PROTOCOL_NAMES = ['ws', 'mqtt', 'grpc'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];
