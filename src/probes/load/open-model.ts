import { openTimetable, type Timetable } from "./timetable.js";
import { sendAndRecord, type Traffic } from "./traffic.js";

export interface OpenModel {
  /** Requests per second. */
  rate: number;
  maxInFlight: number;
  startAt: number;
  /** performance.now() after which no request is due. */
  endAt: number;
}

/**
 * k6's "constant arrival rate": request i is due at `startAt + i / rate`, whatever the server does,
 * and its latency is measured from that *intended* time, not from when it went out. A server that
 * stalls for 200ms therefore shows 200ms on every request due during the stall, although the
 * generator sent them late or could not send them at all (coordinated omission, as wrk2 corrects
 * it). At `max_in_flight` outstanding, due requests wait; those still unsent at the end are `dropped`.
 * A request goes out on the generator's last clock tick before it is due (at most a tick early,
 * see timetable.ts) and then counts from when it went out: late is always counted, early never
 * flatters.
 */
export function runOpenModel(traffic: Traffic, model: OpenModel): Promise<void> {
  const table = openTimetable(model.rate, model.startAt, model.endAt);
  const total = table.total;
  let sent = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  return new Promise((resolve) => {
    const stopped = (now: number) => traffic.signal.aborted || now >= model.endAt;
    const finishIfDone = (now: number) => {
      if (inFlight > 0 || (sent < total && !stopped(now))) return;
      clearTimeout(timer);
      traffic.signal.removeEventListener("abort", pump);
      countDropped(traffic, table, sent);
      sent = total;
      resolve();
    };
    // An answer needs the pump only when it frees the slot due requests wait for; otherwise the
    // timer set for the next due request stands (re-arming it per answer cost a timer per request).
    const answered = () => {
      const wasFull = inFlight-- >= model.maxInFlight;
      const now = performance.now();
      if (wasFull && !stopped(now)) pump();
      else finishIfDone(now);
    };
    function pump() {
      clearTimeout(timer);
      timer = undefined;
      const now = performance.now();
      const due = stopped(now) ? sent : table.sendableBy(now);
      while (sent < due && inFlight < model.maxInFlight) {
        const intended = table.dueAt(sent);
        const at = performance.now();
        sent++;
        inFlight++;
        traffic.recorder.issued(intended, at);
        sendAndRecord(traffic, Math.min(intended, at), answered, intended);
      }
      if (!stopped(now) && sent < total && inFlight < model.maxInFlight) {
        timer = setTimeout(pump, Math.max(0, table.wakeFor(sent) - performance.now()));
      } else if (!stopped(now) && sent < total) {
        // Full: the next answer pumps; the end of the run must still be noticed if none comes.
        timer = setTimeout(pump, Math.max(0, model.endAt - now));
      }
      finishIfDone(now);
    }
    traffic.signal.addEventListener("abort", pump, { once: true });
    pump();
  });
}

/** Due but never sent: the generator could not keep the rate with `max_in_flight` outstanding. */
function countDropped(traffic: Traffic, table: Timetable, sent: number): void {
  if (traffic.signal.aborted) return;
  for (let i = sent; i < table.total; i++) {
    if (table.dueAt(i) >= traffic.recorder.measureFrom) traffic.recorder.dropped++;
  }
}
