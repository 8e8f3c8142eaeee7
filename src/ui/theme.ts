/**
 * Colours, or none: NO_COLOR (any non-empty value, https://no-color.org) turns every
 * colour off. Meaning never rests on colour alone: best cells carry `*`, failures `!`.
 */
export type Tone = 'accent' | 'good' | 'bad' | 'warn' | 'dim' | 'p50' | 'p99';

const COLORS: Record<Tone, string> = {
  accent: 'cyan',
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  dim: 'gray',
  p50: 'cyan',
  p99: 'magenta',
};

export function colorsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

/** The ink colour for a tone, or undefined when colours are off. */
export function tint(tone: Tone | undefined): string | undefined {
  return tone && colorsEnabled() ? COLORS[tone] : undefined;
}
