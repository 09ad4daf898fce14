import { createHash } from "node:crypto";
import { Cron } from "croner";

/** A service's schedule as gonogo-server.yml gives it: a cron expression and its time zone. */
export interface Schedule {
  cron: string;
  /** IANA time zone the expression is read in; default UTC. */
  timezone: string;
}

/**
 * Why a cron expression or time zone will not do, or null when it will. Five fields (minute hour
 * day month weekday) or six (with seconds first), and croner's nicknames (`@hourly`).
 */
export function scheduleProblem(schedule: Schedule): string | null {
  try {
    new Intl.DateTimeFormat("en", { timeZone: schedule.timezone });
  } catch {
    return `"${schedule.timezone}" is not a time zone (an IANA name such as Europe/Berlin, or UTC)`;
  }
  try {
    cronOf(schedule).nextRun();
    return null;
  } catch (error) {
    const why = (error as Error).message.replace(/^CronPattern: /, "");
    return `"${schedule.cron}" is not a cron expression: ${why} (e.g. "*/5 * * * *": every 5 minutes)`;
  }
}

export function cronOf(schedule: Schedule): Cron {
  return new Cron(schedule.cron, { paused: true, timezone: schedule.timezone, mode: "5-or-6-parts" });
}

/**
 * How long after each slot a service's scheduled run starts: fixed per service (a hash of its
 * name), spread evenly over [0, bound), so a thousand services on `*\/5 * * * *` do not all start
 * in the same second, and one service's runs stay evenly spaced. The bound is `maxJitterMs`, and
 * never more than half the schedule's period, so a run never slides into its next slot.
 *
 * @example jitterMs("orders-api", 30_000, 300_000) // the same number of ms below 30s, every time
 */
export function jitterMs(service: string, maxJitterMs: number, periodMs: number): number {
  const bound = Math.floor(Math.min(maxJitterMs, periodMs / 2));
  if (bound <= 0) return 0;
  const hash = createHash("sha256").update(service).digest().readUInt32BE(0);
  return hash % bound;
}

/**
 * The id of a service's job for one slot, the same on every server (a UUID made of a hash of both),
 * so several servers scheduling one slot queue it once.
 */
export function scheduledJobId(service: string, slot: Date): string {
  const hex = createHash("sha256").update(`${service}\n${slot.toISOString()}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
