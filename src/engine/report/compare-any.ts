// placeholder until the cliany branch lands
import type { AnyResult } from '../any-result.js';
import { resultKind } from '../any-result.js';
export function compareAnyText(a: AnyResult, b: AnyResult, names: [string, string]): string {
  if (resultKind(a) !== resultKind(b)) throw new Error(`cannot compare a ${resultKind(a)} snapshot with a ${resultKind(b)} snapshot`);
  return `${names[0]} vs ${names[1]}\n`;
}
