/**
 * A child's view of its own cost, reported with every tick: CPU time, memory and
 * event-loop delay (a saturated child delays its own timers, which is how we tell that
 * the clients, not the protocol, were the bottleneck).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Resources } from '../messages.js';

export class ResourceSampler {
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private cpu = process.cpuUsage();
  private at = performance.now();

  constructor() {
    this.loop.enable();
  }

  sample(): Resources {
    const cpu = process.cpuUsage(this.cpu);
    const now = performance.now();
    const mem = process.memoryUsage();
    const r: Resources = {
      cpuUs: cpu.user + cpu.system,
      intervalMs: now - this.at,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      elDelayP99Us: this.loop.count > 0 ? Math.round(this.loop.percentile(99) / 1000) : 0,
      elDelayMaxUs: this.loop.count > 0 ? Math.round(this.loop.max / 1000) : 0,
    };
    this.cpu = process.cpuUsage();
    this.at = now;
    this.loop.reset();
    return r;
  }

  stop(): void {
    this.loop.disable();
  }
}
