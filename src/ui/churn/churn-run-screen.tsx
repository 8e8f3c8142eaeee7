// placeholder until the churn UI branch lands
import { Text } from 'ink';
import type { ChurnPlan } from '../../engine/churn/plan.js';
import type { ChurnResult } from '../../engine/churn/result.js';
import type { ChurnEvent } from '../../engine/churn/run.js';
import type { Activity } from '../use-keys.js';
export type ChurnRunFn = (plan: ChurnPlan, opts: { signal: AbortSignal }) => AsyncIterable<ChurnEvent>;
export interface ChurnRunScreenProps { plan: ChurnPlan; run: ChurnRunFn; width: number; active: Activity; onHelp: () => void;
  onEnded: (result: ChurnResult | undefined, quit: boolean) => void; onBack: () => void; interrupted?: boolean; }
export function ChurnRunScreen(props: ChurnRunScreenProps) {
  return <Text>churn {props.width}</Text>;
}
