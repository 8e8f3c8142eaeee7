/** An unbounded async queue: producers push, one consumer iterates until close(). */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(item: T): void {
    if (this.closed) return;
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      w({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  close(): void {
    this.closed = true;
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.closed) return;
      const next = await new Promise<IteratorResult<T>>((resolve) => (this.waiting = resolve));
      if (next.done) return;
      yield next.value;
    }
  }
}

/**
 * Runs `work` (which emits events) and yields its events as they come. An error becomes a
 * final `error` event; abort of `signal`, or the consumer leaving the loop, aborts the work's
 * own signal and waits for it to finish, so every child it started is stopped first.
 */
export async function* eventStream<E>(
  work: (signal: AbortSignal, emit: (e: E) => void) => Promise<void>,
  toError: (err: { name: string; message: string }) => E,
  signal?: AbortSignal,
): AsyncGenerator<E, void, undefined> {
  const queue = new EventQueue<E>();
  const ac = new AbortController();
  const onAbort = (): void => ac.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const task = work(ac.signal, (e) => queue.push(e)).then(
    () => queue.close(),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      queue.push(toError({ name: e.name, message: e.message }));
      queue.close();
    },
  );
  try {
    for await (const e of queue) yield e;
  } finally {
    ac.abort();
    signal?.removeEventListener('abort', onAbort);
    await task;
  }
}
