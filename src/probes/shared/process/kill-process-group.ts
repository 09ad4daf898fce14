import { readdir, readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

const POLL_MS = 25;
/** After SIGKILL the kernel needs only a moment; waiting longer would not change the outcome. */
const KILL_WAIT_MS = 500;

/**
 * Ends every process of group `pgid`: SIGTERM, then SIGKILL to whatever is still alive after
 * `graceMs`. Resolves once the group is gone (or SIGKILL has been sent and given a moment).
 */
export async function endProcessGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalProcessGroup(pgid, "SIGTERM")) return;
  if (await waitUntilGone(pgid, graceMs)) return;
  signalProcessGroup(pgid, "SIGKILL");
  await waitUntilGone(pgid, KILL_WAIT_MS);
}

/** Whether any process of group `pgid` still runs; zombies (dead but not yet reaped) do not count. */
export async function isProcessGroupAlive(pgid: number): Promise<boolean> {
  if (!signalProcessGroup(pgid, 0)) return false;
  // kill(-pgid, 0) also succeeds for zombies, which linger where PID 1 does not reap orphans
  // (containers without an init); on Linux /proc tells the living from the dead.
  if (process.platform !== "linux") return true;
  return (await livingGroupMembers(pgid)).length > 0;
}

/** Sends `signal` to the whole group; false when no process of the group is left to receive it. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ESRCH" || code === "EPERM") return false;
    throw error;
  }
}

async function waitUntilGone(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    if (!(await isProcessGroupAlive(pgid))) return true;
    if (performance.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

/** PIDs of the group's processes that are not zombies, read from /proc (Linux only). */
export async function livingGroupMembers(pgid: number): Promise<number[]> {
  const pids = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry));
  const members = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
      const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(group) === pgid && state !== "Z" ? Number(pid) : null;
    }),
  );
  return members.filter((pid): pid is number => pid !== null);
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Remembers a running group so that, should gonogo exit while it runs (an engine that abandoned the
 * probe, a second Ctrl-C), the group is killed rather than orphaned. Returns the function that forgets it.
 */
export function trackProcessGroup(pgid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", function killLiveGroups() {
      for (const group of liveGroups) signalProcessGroup(group, "SIGKILL");
    });
  }
  liveGroups.add(pgid);
  return () => liveGroups.delete(pgid);
}
