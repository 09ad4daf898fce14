import { Agent } from "undici";
import type { Observations } from "../../core/observation.js";
import { type Deadline, startDeadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";
import { describePolicyRefusal, policyConnectOptions, refusedName } from "../shared/network-policy.js";
import { redactUrl } from "../shared/redact-url.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { HttpConfig } from "./config.js";
import { evidenceHeaders, observeResponse } from "./observe-response.js";
import { readCappedBody } from "./read-capped-body.js";
import { planRequest, type RequestPlan } from "./request-plan.js";
import { firstHeader, type HttpReply, RedirectError, sendRequest } from "./send-request.js";

/** Sends the request and reads the reply (status, latency, body, headers, secrets). */
export async function run(config: HttpConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const plan = planRequest(config, ctx.targets);
  const refused = refusedName(plan.url.hostname, ctx);
  if (refused !== undefined)
    return {
      observations: {},
      evidence: { method: plan.method, url: plan.redactedUrl },
      error: `${plan.method} ${plan.redactedUrl}: ${refused}`,
    };
  const deadline = startDeadline(ctx);
  // One agent per run: its sockets live and die with this check, whatever the server does.
  const agent = new Agent({
    // The policy's block list is checked on each resolved address, redirects included.
    connect: { rejectUnauthorized: !config.insecure, timeout: ctx.timeoutMs, ...policyConnectOptions(ctx) },
    headersTimeout: ctx.timeoutMs,
    bodyTimeout: ctx.timeoutMs,
  });
  try {
    return await exchange(plan, config, ctx, { agent, deadline });
  } finally {
    deadline.dispose();
    await agent.destroy();
  }
}

/** Sends the request and reads the reply; a failure keeps what was seen before it (status, headers). */
async function exchange(
  plan: RequestPlan,
  config: HttpConfig,
  ctx: ProbeContext,
  { agent, deadline }: { agent: Agent; deadline: Deadline },
): Promise<ProbeResult> {
  const observations: Observations = {};
  let evidence: Record<string, unknown> = { method: plan.method, url: plan.redactedUrl };
  const startedAt = performance.now();
  try {
    const reply = await sendRequest(plan, {
      dispatcher: agent,
      signal: deadline.signal,
      followRedirects: config.follow_redirects,
    });
    const { response, redirects } = reply;
    observations.status = response.statusCode;
    evidence = { ...evidence, ...(redirects.length > 0 && { redirects }) };
    evidence = { ...evidence, status: response.statusCode, headers: evidenceHeaders(response.headers) };
    const body = await readCappedBody(response.body, config.max_body);
    const latencyMs = performance.now() - startedAt;
    const redirect = redirectObserved(reply, config.follow_redirects);
    const result = observeResponse(
      {
        status: response.statusCode,
        headers: response.headers,
        body,
        maxBody: config.max_body,
        latencyMs,
        redirect,
      },
      ctx.requested,
    );
    return { ...result, evidence: { ...evidence, ...result.evidence, maxBody: config.max_body } };
  } catch (error) {
    if (error instanceof RedirectError) evidence.redirects = error.redirects;
    const cause = describePolicyRefusal(error, ctx) ?? describeNetworkError(error, deadline);
    return { observations, evidence, error: `${plan.method} ${plan.redactedUrl}: ${cause}` };
  }
}

/** Where the client was sent: the Location header when not following, the final URL when following. */
function redirectObserved(reply: HttpReply, followed: boolean): string | null {
  if (followed) return reply.redirects.length > 0 ? redactUrl(reply.url) : null;
  const location = firstHeader(reply.response.headers.location);
  return location === undefined ? null : redactUrl(location);
}
