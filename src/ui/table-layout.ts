/** Which matrix columns fit the terminal: a window that always contains the selected one. */

/** [start, end) of the columns to show, given each column's width (separators included). */
export function columnWindow(widths: readonly number[], available: number, selected: number): [number, number] {
  let start = Math.max(0, Math.min(selected, widths.length - 1));
  let end = start + 1;
  let used = widths[start] ?? 0;
  for (;;) {
    const right = widths[end];
    if (right !== undefined && used + right <= available) {
      used += right;
      end++;
      continue;
    }
    const left = widths[start - 1];
    if (left !== undefined && used + left <= available) {
      used += left;
      start--;
      continue;
    }
    return [start, end];
  }
}

/** Right- or left-aligned to `width`, cut with `…` when longer. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const chars = [...text];
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  const fill = ' '.repeat(width - chars.length);
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Which columns of a fixed-width table to show in `available` characters (one space
 * between columns): all of them if they fit, else drop them in `dropOrder` until the rest
 * fit. Returns the kept indices in their order.
 */
export function keepColumns(widths: readonly number[], dropOrder: readonly number[], available: number): number[] {
  const kept = widths.map((_, i) => i);
  const total = (): number => kept.reduce((t, i) => t + (widths[i] ?? 0), 0) + Math.max(0, kept.length - 1);
  for (const drop of dropOrder) {
    if (total() <= available) break;
    const at = kept.indexOf(drop);
    if (at >= 0) kept.splice(at, 1);
  }
  return kept;
}
