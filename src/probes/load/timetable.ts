/**
 * Node's timers count whole milliseconds: a timer set for a request due 0.3ms from now fires
 * about 1.1ms later (measured, `setTimeout(fn, 0.3)`: p10 1.08, p50 1.10ms), 0.8ms late, and
 * the open model counts that lateness as the target's latency. At 1,000 req/s every request was
 * late by about the same amount, set by where the run's start fell between two ticks: 0 to 1ms
 * added to every figure, different from one run to the next. So the generator wakes a tick
 * ahead and sends what falls due before the next tick.
 */
export const TICK_MS = 1;

/** When each request of an open-model run is due, and which of them go out by a given time. */
export interface Timetable {
  /** Requests due before `endAt`. */
  total: number;
  /** performance.now() at which request `i` (from 0) is due. */
  dueAt(i: number): number;
  /** How many requests go out by `now`: every one due before the clock's next tick. */
  sendableBy(now: number): number;
  /** When to wake up for request `i`: a tick before it is due. */
  wakeFor(i: number): number;
}

/** Request i is due at `startAt + i / rate`; the run ends at `endAt` (performance.now() times). */
export function openTimetable(rate: number, startAt: number, endAt: number): Timetable {
  const interval = 1000 / rate;
  const total = Math.floor(((endAt - startAt) * rate) / 1000);
  const dueAt = (i: number) => startAt + i * interval;
  return {
    total,
    dueAt,
    sendableBy: (now) => Math.min(total, Math.max(0, Math.ceil((now + TICK_MS - startAt) / interval))),
    wakeFor: (i) => dueAt(i) - TICK_MS,
  };
}
