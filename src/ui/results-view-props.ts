/** What every Results screen (latency, churn, capacity) takes: the result and the app's keys around it. */
import type { SaveStatus } from './app-state.js';
import type { Activity } from './use-keys.js';

export interface ResultsViewProps<R> {
  result: R;
  width: number;
  active: Activity;
  onHelp: () => void;
  onBack: () => void;
  /** The snapshot file shown, when this is not the run just made. */
  source?: string;
  save?: SaveStatus;
  /** `s`: save the result as a snapshot (absent: no save key). */
  onSave?: () => void;
  /** `o`: the Snapshots screen (absent: no such key). */
  onSnapshots?: () => void;
}
