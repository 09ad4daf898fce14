import type { JobQueue } from "./job.js";
import { cronOf, jitterMs, type Schedule, scheduledJobId } from "./schedule.js";

export interface ScheduledService {
  name: string;
  schedule: Schedule;
}

export interface SchedulerOptions {
  queue: JobQueue;
  services: ScheduledService[];
  maxJitterMs: number;
  now?: () => Date;
  /** A line for the server's log: each skipped slot, and queueing failures. */
  log: (line: string) => void;
  /** Told of each slot skipped because the service's previous run had not ended (a counter). */
  onSkip?: (service: string) => void;
}

export interface Scheduler {
  /** Slots skipped so far, by service. */
  readonly skipped: ReadonlyMap<string, number>;
  stop(): void;
}

/** setTimeout's limit; a later slot is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Queues each scheduled service's job at its slots (plus its fixed jitter). A slot whose previous
 * job of the same service is still queued or running is skipped, counted and logged, so a slow
 * check never piles runs up. The job id is derived from service and slot (`scheduledJobId`), so
 * every server may run a scheduler over one Postgres: the first to queue a slot queues it.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const timers = new Set<NodeJS.Timeout>();
  const skipped = new Map<string, number>();
  let stopped = false;

  const wait = (at: number, then: () => void) => {
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - now().getTime()));
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      if (now().getTime() + 5 < at) wait(at, then);
      else then();
    }, delay);
    timer.unref?.();
    timers.add(timer);
  };

  for (const service of options.services) {
    const cron = cronOf(service.schedule);
    let previous: string | null = null;
    const plan = (from: Date) => {
      const [slot, after] = cron.nextRuns(2, from);
      if (!slot) return;
      const period = after ? after.getTime() - slot.getTime() : 60_000;
      const jitter = jitterMs(service.name, options.maxJitterMs, period);
      wait(slot.getTime() + jitter, () => {
        void fire(slot).finally(() => plan(slot));
      });
    };
    const fire = async (slot: Date) => {
      try {
        const state = previous === null ? "unknown" : await options.queue.state(previous);
        if (state === "queued" || state === "active") {
          skipped.set(service.name, (skipped.get(service.name) ?? 0) + 1);
          options.onSkip?.(service.name);
          options.log(
            `schedule: skipped ${service.name} at ${slot.toISOString()}: its previous run (job ${previous}) is still ${state === "active" ? "running" : "queued"} (${skipped.get(service.name)} skipped so far)`,
          );
          return;
        }
        const id = scheduledJobId(service.name, slot);
        await options.queue.enqueue(
          { service: service.name, actor: "schedule", reason: "schedule", scheduledFor: slot.toISOString() },
          id,
        );
        previous = id;
      } catch (error) {
        options.log(
          `schedule: could not queue ${service.name} at ${slot.toISOString()}: ${(error as Error).message}`,
        );
      }
    };
    plan(now());
  }

  return {
    skipped,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
