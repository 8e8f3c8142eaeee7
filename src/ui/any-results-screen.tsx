/** Results of any kind: the latency matrix, the churn matrix or the capacity tables and chart. */
import type { AnyResult } from '../engine/any-result.js';
import { resultKind } from '../engine/any-result.js';
import type { CapacityResult } from '../engine/capacity/result.js';
import type { ChurnResult } from '../engine/churn/result.js';
import type { RunResult } from '../engine/run.js';
import { CapacityResultsScreen } from './capacity/capacity-results-screen.js';
import { ChurnResultsScreen } from './churn/churn-results-screen.js';
import type { ResultsViewProps } from './results-view-props.js';
import { ResultsScreen } from './results-screen.js';

export type AnyResultsScreenProps = ResultsViewProps<AnyResult>;

export function AnyResultsScreen(props: AnyResultsScreenProps) {
  const { result } = props;
  switch (resultKind(result)) {
    case 'churn':
      return <ChurnResultsScreen {...props} result={result as ChurnResult} />;
    case 'capacity':
      return <CapacityResultsScreen {...props} result={result as CapacityResult} />;
    case 'latency':
      return <ResultsScreen {...props} result={result as RunResult} />;
  }
}
