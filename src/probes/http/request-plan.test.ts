import { describe, expect, it } from "vitest";
import { isGonogoError } from "../../core/errors.js";
import { httpConfigSchema } from "./config.js";
import { planRequest } from "./request-plan.js";

const targets = {
  api: { name: "api", url: "https://api.test/v1/", headers: { Authorization: "Bearer t", "X-Env": "prod" } },
  repo: { name: "repo", path: "." },
};
const plan = (config: Record<string, unknown>) => planRequest(httpConfigSchema.parse(config), targets);

describe("planRequest", () => {
  it("joins the path to the target's url and keeps a query", () => {
    expect(plan({ target: "api", path: "/health?full=1" }).url.href).toBe(
      "https://api.test/v1/health?full=1",
    );
    expect(plan({ target: "api", path: "health" }).url.href).toBe("https://api.test/v1/health");
    expect(plan({ target: "api" }).url.href).toBe("https://api.test/v1/");
  });

  it("merges the target's headers under the check's, whatever their case", () => {
    expect(plan({ target: "api", headers: { "x-env": "staging" } }).headers).toEqual({
      authorization: "Bearer t",
      "x-env": "staging",
    });
  });

  it("sends GET by default and POST with a body", () => {
    expect(plan({ target: "api" }).method).toBe("GET");
    expect(plan({ target: "api", json: [1] })).toMatchObject({ method: "POST", body: "[1]" });
    expect(plan({ target: "api", json: [1] }).headers["content-type"]).toBe("application/json");
    expect(plan({ target: "api", body: "a=1", method: "PUT" })).toMatchObject({ method: "PUT", body: "a=1" });
  });

  it("moves URL credentials to a basic auth header and masks them in what it shows", () => {
    const request = plan({ url: "http://ops:p%40ss@db.test:8080/x" });
    expect(request.url.href).toBe("http://db.test:8080/x");
    expect(request.redactedUrl).toBe("http://ops:****@db.test:8080/x");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("ops:p@ss").toString("base64")}`);
  });

  it.each([
    [{ target: "nope" }, 'http: unknown target "nope"'],
    [{ target: "repo" }, 'http: target "repo" has no valid url'],
  ])("throws a config error for %j", (config, message) => {
    let thrown: unknown;
    try {
      plan(config);
    } catch (error) {
      thrown = error;
    }
    expect(isGonogoError(thrown) && thrown.kind === "config" && thrown.message).toBe(message);
  });
});
