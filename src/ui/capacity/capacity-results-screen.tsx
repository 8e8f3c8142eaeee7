// placeholder until the capacity UI branch lands
import { Text } from 'ink';
import type { CapacityResult } from '../../engine/capacity/result.js';
import type { SaveStatus } from '../app-state.js';
import type { Activity } from '../use-keys.js';
export interface CapacityResultsScreenProps { result: CapacityResult; width: number; active: Activity; onHelp: () => void; onBack: () => void;
  source?: string; save?: SaveStatus; onSave?: () => void; onSnapshots?: () => void; }
export function CapacityResultsScreen(props: CapacityResultsScreenProps) {
  return <Text>capacity results {props.result.runs.length}</Text>;
}
