/** The child's end of the controller link: send typed messages, die with the parent. */
import type { ChildMessage, ControllerMessage } from '../messages.js';

export function send(msg: ChildMessage): void {
  if (process.connected) process.send?.(msg);
}

/** Calls `handler` for each controller message; exits when the controller goes away. */
export function onControllerMessage(handler: (msg: ControllerMessage) => void | Promise<void>): void {
  process.on('disconnect', () => process.exit(0));
  // The channel may have closed while this module was still loading (ESM loads across
  // ticks), before the listener above existed: check now, and now and then.
  const orphaned = (): void => {
    if (!process.connected) process.exit(0);
  };
  orphaned();
  setInterval(orphaned, 1000).unref();
  process.on('message', (raw) => {
    Promise.resolve(handler(raw as ControllerMessage)).catch((err: unknown) => fail(err));
  });
}

export function fail(err: unknown): never {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  send({ type: 'failed', message: e.message, code: typeof code === 'string' ? code : undefined });
  // Give the IPC channel a moment to deliver, then go.
  setTimeout(() => process.exit(1), 50);
  throw e;
}

export const TICK_MS = 200;
