/**
 * Connect pacing shared by the controller and the client workers. Kept free of imports:
 * a worker started under a low open-file limit must load as few files as it can.
 */

/**
 * How long a worker may take to launch its connects: three times the paced time, or three
 * minutes more, whichever is longer, ms. A busy machine that cannot keep the rate still
 * gets there; one that stalls is cut off and the unlaunched connects are counted.
 */
export function launchWindowMs(count: number, ratePerSec: number): number {
  const paced = (count / ratePerSec) * 1000;
  return Math.max(3 * paced, paced + 180_000);
}

/** How often a connecting worker reports its connections open so far, ms: one small IPC message, enough for a memory curve. */
export const PROGRESS_MS = 250;
