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
 */
export function runOpenModel(traffic: Traffic, model: OpenModel): Promise<void> {
  const interval = 1000 / model.rate;
  const total = Math.floor(((model.endAt - model.startAt) * model.rate) / 1000);
  let sent = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  return new Promise((resolve) => {
    const finishIfDone = () => {
      if (inFlight > 0 || (sent < total && !traffic.signal.aborted && performance.now() < model.endAt)) {
        return;
      }
      clearTimeout(timer);
      traffic.signal.removeEventListener("abort", pump);
      countDropped(traffic, model, sent, total, interval);
      sent = total;
      resolve();
    };
    const answered = () => {
      inFlight--;
      pump();
    };
    function pump() {
      clearTimeout(timer);
      timer = undefined;
      const now = performance.now();
      const stopped = traffic.signal.aborted || now >= model.endAt;
      const due = stopped ? sent : Math.min(total, Math.floor((now - model.startAt) / interval) + 1);
      while (sent < due && inFlight < model.maxInFlight) {
        const intended = model.startAt + sent * interval;
        sent++;
        inFlight++;
        sendAndRecord(traffic, intended, answered);
      }
      if (!stopped && sent < total && inFlight < model.maxInFlight) {
        const wait = model.startAt + sent * interval - performance.now();
        timer = setTimeout(pump, Math.max(0, wait));
      } else if (!stopped && sent < total && timer === undefined) {
        // Full: the next answer pumps; the end of the run must still be noticed if none comes.
        timer = setTimeout(pump, Math.max(0, model.endAt - now));
      }
      finishIfDone();
    }
    traffic.signal.addEventListener("abort", pump, { once: true });
    pump();
  });
}

/** Due but never sent: the generator could not keep the rate with `max_in_flight` outstanding. */
function countDropped(
  traffic: Traffic,
  model: OpenModel,
  sent: number,
  total: number,
  interval: number,
): void {
  if (traffic.signal.aborted) return;
  for (let i = sent; i < total; i++) {
    if (model.startAt + i * interval >= traffic.recorder.measureFrom) traffic.recorder.dropped++;
  }
}
