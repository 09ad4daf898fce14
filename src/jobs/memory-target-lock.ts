import type { TargetLock } from "../core/target-lock.js";

/**
 * Target locks within one process (the embedded store's in-process jobs): a FIFO of waiters per
 * key. Written here rather than taken from a library: it is a dozen lines, and it must honour an
 * AbortSignal while waiting.
 */
export function memoryTargetLock(): TargetLock {
  const queues = new Map<string, Array<() => void>>();
  return {
    acquire(key, signal) {
      return new Promise((resolve, reject) => {
        const queue = queues.get(key) ?? [];
        queues.set(key, queue);
        const release = async () => {
          queue.shift();
          if (queue.length === 0) queues.delete(key);
          else queue[0]?.();
        };
        const grant = () => {
          signal.removeEventListener("abort", abort);
          resolve(release);
        };
        const abort = () => {
          const at = queue.indexOf(grant);
          if (at > 0) queue.splice(at, 1);
          reject(signal.reason);
        };
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener("abort", abort, { once: true });
        queue.push(grant);
        if (queue.length === 1) grant();
      });
    },
  };
}
