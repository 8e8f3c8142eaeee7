/** The Run screen for the job's kind: latency scenarios, churn cells or capacity runs. */
import type { AnyResult } from '../engine/any-result.js';
import type { CapacityRunFn } from './capacity/capacity-run-screen.js';
import { CapacityRunScreen } from './capacity/capacity-run-screen.js';
import type { ChurnRunFn } from './churn/churn-run-screen.js';
import { ChurnRunScreen } from './churn/churn-run-screen.js';
import type { Job } from './form-spec.js';
import { RunScreen } from './run-screen.js';
import type { Activity } from './use-keys.js';
import type { RunFn } from './use-run-progress.js';

export interface Runners {
  run: RunFn;
  runChurn: ChurnRunFn;
  runCapacity: CapacityRunFn;
}

export interface JobRunScreenProps {
  job: Job;
  runners: Runners;
  width: number;
  active: Activity;
  onHelp: () => void;
  onEnded: (result: AnyResult | undefined, quit: boolean) => void;
  onBack: () => void;
  interrupted: boolean;
}

export function JobRunScreen({ job, runners, ...rest }: JobRunScreenProps) {
  switch (job.kind) {
    case 'churn':
      return <ChurnRunScreen {...rest} plan={job.plan} run={runners.runChurn} />;
    case 'capacity':
      return <CapacityRunScreen {...rest} plan={job.plan} run={runners.runCapacity} />;
    case 'latency':
      return <RunScreen {...rest} plan={job.plan} run={runners.run} />;
  }
}
