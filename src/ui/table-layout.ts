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
