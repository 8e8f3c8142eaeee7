/**
 * The one clock for latency: CLOCK_MONOTONIC via process.hrtime.bigint(), which every
 * process on one host shares, so a sentAt stamped by the pusher can be subtracted in a
 * worker. As a double it keeps ~2 ns precision for years of uptime.
 */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/** Nanoseconds to whole microseconds for the histograms (HDR records integers). */
export function nsToUs(ns: number): number {
  const us = Math.round(ns / 1000);
  return us < 0 ? 0 : us;
}
