import type { Pool } from "undici";
import { startDeadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";
import type { TrafficPlan } from "../shared/traffic/plan-routes.js";
import type { ProbeContext } from "../types.js";

/**
 * One request before the test: a target that cannot be reached at all (refused, no DNS, no
 * answer) makes the check an `error` at once, naming the cause, instead of a full-length load
 * test of instant failures that only says `error_rate 100%`. Any HTTP answer, even a 500, passes:
 * judging those is the test's job.
 */
export async function unreachableReason(
  pool: Pool,
  plan: TrafficPlan,
  ctx: ProbeContext,
  requestTimeoutMs: number,
): Promise<string | null> {
  const route = plan.routes[0];
  if (!route) return null;
  const deadline = startDeadline({ signal: ctx.signal, timeoutMs: requestTimeoutMs });
  try {
    const response = await pool.request({
      path: route.path,
      method: route.method as "GET",
      headers: route.headers,
      body: route.body ?? null,
      signal: deadline.signal,
    });
    await response.body.dump();
    return null;
  } catch (error) {
    return describeNetworkError(error, deadline);
  } finally {
    deadline.dispose();
  }
}
