/** A padded GitHub-Markdown table: readable in a terminal as it is, and renders on GitHub. */
export type Align = 'left' | 'right';

function width(s: string): number {
  return [...s].length;
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = headers.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(s)));
    return align[i] === 'right' ? fill + s : s + fill;
  };
  const line = (cells: readonly string[]): string => `| ${headers.map((_, i) => pad(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (align[i] === 'right' ? `${'-'.repeat((widths[i] ?? 3) + 1)}:` : '-'.repeat((widths[i] ?? 3) + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
