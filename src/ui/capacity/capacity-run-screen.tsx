// placeholder until the capacity UI branch lands
import { Text } from 'ink';
import type { CapacityPlan } from '../../engine/capacity/plan.js';
import type { CapacityResult } from '../../engine/capacity/result.js';
import type { CapacityOptions } from '../../engine/capacity/run.js';
import type { Activity } from '../use-keys.js';
export type CapacityRunFn = (plan: CapacityPlan, opts: CapacityOptions) => Promise<CapacityResult>;
export interface CapacityRunScreenProps { plan: CapacityPlan; run: CapacityRunFn; width: number; active: Activity; onHelp: () => void;
  onEnded: (result: CapacityResult | undefined, quit: boolean) => void; onBack: () => void; interrupted?: boolean; }
export function CapacityRunScreen(props: CapacityRunScreenProps) {
  return <Text>capacity {props.width}</Text>;
}
