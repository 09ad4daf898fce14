import type { ErrorKind } from "../shared/traffic/error-kind.js";
import { sendAndRecord, type Traffic } from "./traffic.js";

// After a refused or reset connection a user pauses before sending again: without it, users
// against a target that went down spin the CPU on instant failures (and starve the reporter).
const CONNECTION_ERROR_PAUSE_MS = 100;
const CONNECTION_ERRORS = new Set<ErrorKind>(["refused", "reset"]);

export interface ClosedModel {
  vus: number;
  rampUpMs: number;
  /** performance.now() at which users stop sending (the last answers are still awaited). */
  endAt: number;
}

/**
 * k6's "closed" model: each virtual user sends, waits for the answer, sends again. Latency is from
 * the actual send, so a stalled server slows the users down and is seen by only `vus` requests.
 */
export function runClosedModel(traffic: Traffic, model: ClosedModel): Promise<void> {
  return new Promise((resolve) => {
    let running = model.vus;
    const pending = new Set<NodeJS.Timeout>();
    const userDone = () => {
      if (--running > 0) return;
      traffic.signal.removeEventListener("abort", stopRamp);
      resolve();
    };
    const user = () => {
      if (traffic.signal.aborted || performance.now() >= model.endAt) return userDone();
      sendAndRecord(traffic, performance.now(), (kind) => {
        if (kind === null || !CONNECTION_ERRORS.has(kind)) return user();
        const timer = setTimeout(() => {
          pending.delete(timer);
          user();
        }, CONNECTION_ERROR_PAUSE_MS);
        pending.add(timer);
      });
    };
    const stopRamp = () => {
      for (const timer of pending) clearTimeout(timer);
      const unstarted = pending.size;
      pending.clear();
      for (let i = 0; i < unstarted; i++) userDone();
    };
    traffic.signal.addEventListener("abort", stopRamp, { once: true });
    for (let i = 0; i < model.vus; i++) {
      const delay = (model.rampUpMs * i) / model.vus;
      if (delay === 0) {
        user();
        continue;
      }
      const timer = setTimeout(() => {
        pending.delete(timer);
        user();
      }, delay);
      pending.add(timer);
    }
  });
}
