/** Number formatting shared by every report and the TUI: short, unit-bearing, never NaN. */

/** Microseconds as `850µs`, `1.24ms`, `3.2s`. */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us < 1000) return `${Math.round(us)}µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)}ms`;
  return `${(us / 1_000_000).toFixed(2)}s`;
}

/** Milliseconds with sensible precision (cycle times). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 10) return ms.toFixed(3);
  if (ms < 1000) return ms.toFixed(1);
  return Math.round(ms).toString();
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n < 10_000) return Math.round(n).toString();
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

export function formatBytes(b: number): string {
  if (!Number.isFinite(b) || b < 0) return '–';
  if (b < 1024) return `${Math.round(b)} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(1)} KiB`;
  if (b < 1024 ** 3) return `${(b / 1024 / 1024).toFixed(1)} MiB`;
  return `${(b / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatPct(p: number): string {
  return Number.isFinite(p) ? `${Math.round(p)}%` : '–';
}
