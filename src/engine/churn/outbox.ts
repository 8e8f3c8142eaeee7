/**
 * The Redis Streams outbox the pusher keeps in front of WebSocket and gRPC. Every
 * notification is appended to its client's stream `pushtui:<run>:<client>` with the
 * stream id `<seq+1>-0` (so ids are sequences and a range is a plain XRANGE); a client
 * that (re)connects says the next sequence it needs and gets everything from there;
 * its acks move a watermark and XTRIM MINID drops what it has. One ioredis connection,
 * auto-pipelined: commands run in the order they were issued.
 */
import { Redis } from 'ioredis';

/** Entries fetched per XRANGE while replaying. */
const REPLAY_BATCH = 500;

export interface OutboxCounts {
  appended: number;
  replayed: number;
  resumes: number;
  trims: number;
  errors: number;
}

export class Outbox {
  private readonly redis: Redis;
  readonly counts: OutboxCounts = { appended: 0, replayed: 0, resumes: 0, trims: 0, errors: 0 };
  readonly errors: Record<string, number> = {};

  constructor(
    url: string,
    private readonly runId: string,
  ) {
    this.redis = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 2, lazyConnect: true, connectTimeout: 5000 });
    this.redis.on('error', (err: Error) => this.fail(err));
  }

  async open(): Promise<void> {
    await this.redis.connect();
  }

  key(clientId: string): string {
    return `pushtui:${this.runId}:${clientId}`;
  }

  append(clientId: string, seq: number, bytes: Uint8Array): void {
    this.counts.appended++;
    this.redis.xadd(this.key(clientId), `${seq + 1}-0`, 'n', Buffer.from(bytes)).catch((e: unknown) => this.fail(e, 'XADD failed'));
  }

  /** Entries with sequence in [from, to], oldest first, at most one batch. */
  async range(clientId: string, from: number, to: number): Promise<{ seq: number; bytes: Buffer }[]> {
    const rows = await this.redis.xrangeBuffer(this.key(clientId), `${from + 1}-0`, `${to + 1}-0`, 'COUNT', REPLAY_BATCH);
    const out: { seq: number; bytes: Buffer }[] = [];
    for (const [id, fields] of rows) {
      const bytes = fields[1];
      if (bytes) out.push({ seq: Number(id.toString().split('-')[0]) - 1, bytes });
    }
    this.counts.replayed += out.length;
    return out;
  }

  /** Drops every entry below `nextSeq` (all acked). */
  trim(clientId: string, nextSeq: number): void {
    this.counts.trims++;
    this.redis.xtrim(this.key(clientId), 'MINID', `${nextSeq + 1}-0`).catch((e: unknown) => this.fail(e, 'XTRIM failed'));
  }

  /** Deletes this run's streams and closes the connection. */
  async close(clientIds: readonly string[]): Promise<void> {
    try {
      for (let i = 0; i < clientIds.length; i += 500) await this.redis.del(...clientIds.slice(i, i + 500).map((id) => this.key(id)));
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private fail(err: unknown, what?: string): void {
    this.counts.errors++;
    const reason = what ?? (err instanceof Error ? err.message.slice(0, 60) : String(err));
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
  }
}

/** Bytes Redis uses (`INFO memory` used_memory), or undefined if it cannot be read. */
export async function redisUsedMemory(redis: Redis): Promise<number | undefined> {
  try {
    const info = await redis.info('memory');
    const m = /used_memory:(\d+)/.exec(info);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
