// placeholder until the churn UI branch lands
import { Text } from 'ink';
import type { ChurnResult } from '../../engine/churn/result.js';
import type { SaveStatus } from '../app-state.js';
import type { Activity } from '../use-keys.js';
export interface ChurnResultsScreenProps { result: ChurnResult; width: number; active: Activity; onHelp: () => void; onBack: () => void;
  source?: string; save?: SaveStatus; onSave?: () => void; onSnapshots?: () => void; }
export function ChurnResultsScreen(props: ChurnResultsScreenProps) {
  return <Text>churn results {props.result.cells.length}</Text>;
}
