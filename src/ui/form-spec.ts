/**
 * What the Setup form can run, one spec per kind of test: latency (`pushtui run`), churn
 * (`pushtui churn`) and capacity (`pushtui capacity`). Each comes from its command's own
 * zod schema (keys, flag metadata, validation), so form, flags and help never disagree.
 */
import type { ResultKind } from '../engine/any-result.js';
import type { CapacityPlan } from '../engine/capacity/plan.js';
import { CAPACITY_PLAN_KEYS, capacityFieldMeta, parseCapacityPlan } from '../engine/capacity/plan.js';
import type { CapacityPlanKey } from '../engine/capacity/plan.js';
import type { ChurnPlan, ChurnPlanKey } from '../engine/churn/plan.js';
import { CHURN_KEYS, churnFieldMeta, parseChurnPlan } from '../engine/churn/plan.js';
import type { FdLimits } from '../engine/env/ulimit.js';
import type { FieldMeta, Plan, PlanKey } from '../engine/plan.js';
import { fieldMeta, parsePlan, PLAN_KEYS } from '../engine/plan.js';
import { summarizeCapacityPlan } from './capacity/capacity-summary.js';
import { summarizeChurnPlan } from './churn/churn-summary.js';
import type { PlanSummary } from './plan-summary.js';
import { summarizePlan } from './plan-summary.js';

/** A plan ready to run, tagged with its kind. */
export type Job = { kind: 'latency'; plan: Plan } | { kind: 'churn'; plan: ChurnPlan } | { kind: 'capacity'; plan: CapacityPlan };

/** Field values as the user left them: may be invalid (the schema says why). */
export type FormValues = Record<string, unknown>;

export interface FormSpec {
  kind: ResultKind;
  /** One line under the kind's chips: what this test answers. */
  blurb: string;
  keys: readonly string[];
  meta: (key: string) => FieldMeta;
  /** Validates; throws PlanError naming the flag. */
  job: (values: FormValues) => Job;
  defaults: () => FormValues;
  summarize: (job: Job, limits: FdLimits | undefined) => PlanSummary;
  /** What the count in the summary line counts. */
  unit: string;
}

export const FORM_SPECS: Record<ResultKind, FormSpec> = {
  latency: {
    kind: 'latency',
    blurb: 'round trip, delivery and throughput of N messages to C clients (pushtui run)',
    keys: PLAN_KEYS,
    meta: (key) => fieldMeta(key as PlanKey),
    job: (values) => ({ kind: 'latency', plan: parsePlan(values) }),
    defaults: () => ({ ...parsePlan({}) }),
    summarize: (job, limits) => summarizePlan(job.plan as Plan, limits),
    unit: 'scenario',
  },
  churn: {
    kind: 'churn',
    blurb: 'what is lost, duplicated or late while clients drop off (pushtui churn)',
    keys: CHURN_KEYS,
    meta: (key) => churnFieldMeta(key as ChurnPlanKey),
    job: (values) => ({ kind: 'churn', plan: parseChurnPlan(values) }),
    defaults: () => ({ ...parseChurnPlan({}) }),
    summarize: (job, limits) => summarizeChurnPlan(job.plan as ChurnPlan, limits),
    unit: 'cell',
  },
  capacity: {
    kind: 'capacity',
    blurb: 'memory per idle connection, server and client side (pushtui capacity)',
    keys: CAPACITY_PLAN_KEYS,
    meta: (key) => capacityFieldMeta(key as CapacityPlanKey),
    job: (values) => ({ kind: 'capacity', plan: parseCapacityPlan(values) }),
    defaults: () => ({ ...parseCapacityPlan({}) }),
    summarize: (job, limits) => summarizeCapacityPlan(job.plan as CapacityPlan, limits),
    unit: 'run',
  },
};
