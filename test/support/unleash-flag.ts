import { randomBytes } from "node:crypto";

/**
 * A feature flag in a real Unleash (https://github.com/Unleash/unleash), for the rollout e2e test
 * when `GONOGO_UNLEASH_URL` names one (with `GONOGO_UNLEASH_TOKEN`, an admin API token, unless it
 * runs with `authentication: none`). Each test makes its own flag (a unique name) with a
 * `flexibleRollout` strategy in `development`; gonogo sets and reads back its `rollout` percentage
 * through Unleash's admin API, as a user's gonogo.yml would.
 */
export interface UnleashFlag {
  name: string;
  /** The admin API URL of the flag's strategy: PUT sets it, GET reads it back. */
  strategyUrl: string;
  headers: Record<string, string>;
  body: string;
  field: string;
  percentage(): Promise<number>;
}

export async function createUnleashFlag(baseUrl: string, token: string | undefined): Promise<UnleashFlag> {
  const name = `gonogo-e2e-${randomBytes(4).toString("hex")}`;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(token !== undefined && { authorization: token }),
  };
  const api = `${baseUrl.replace(/\/$/, "")}/api/admin/projects/default/features`;
  const call = async (url: string, method: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`Unleash ${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  await call(api, "POST", { name, type: "release" });
  const parameters = { rollout: "0", stickiness: "default", groupId: name };
  const strategy = await call(`${api}/${name}/environments/development/strategies`, "POST", {
    name: "flexibleRollout",
    parameters,
  });
  const strategyUrl = `${api}/${name}/environments/development/strategies/${String(strategy.id)}`;
  return {
    name,
    strategyUrl,
    headers,
    body: JSON.stringify({ name: "flexibleRollout", parameters: { ...parameters, rollout: "{{weight}}" } }),
    field: "parameters.rollout",
    async percentage() {
      const read = await call(strategyUrl, "GET");
      return Number((read.parameters as Record<string, unknown>).rollout);
    },
  };
}
