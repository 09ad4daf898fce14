import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { parseServerConfig } from "./server-config.js";

const FILE = "/srv/gonogo-server.yml";

function problemsOf(text: string): string[] {
  try {
    parseServerConfig(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(GonogoError);
    return (error as GonogoError).details;
  }
  throw new Error("expected a config error");
}

const lines = (...text: string[]) => text.join("\n");

describe("notifications in the server config", () => {
  it("reads channels, owners, a service's own channels and durations, with defaults", () => {
    const config = parseServerConfig(
      FILE,
      lines(
        "services:",
        "  - { name: orders, checklist: o.md, owner: payments, notify: [oncall] }",
        "notifications:",
        "  public_url: https://gonogo.example/",
        "  expiry_window: 3d",
        "  retry: { attempts: 3, backoff: 50ms }",
        "  channels:",
        "    hook: { type: webhook, url: 'https://hooks.example/gonogo', secret_env: HOOK_SECRET }",
        "    oncall: { type: slack, url_env: ONCALL_SLACK_URL, events: [verdict-changed] }",
        "  owners:",
        "    payments: [hook]",
      ),
    );
    expect(config.services[0]?.notify).toEqual(["oncall"]);
    expect(config.notifications).toEqual({
      publicUrl: "https://gonogo.example",
      expiryWindowMs: 3 * 86_400_000,
      expiryCheckEveryMs: 3_600_000,
      timeoutMs: 10_000,
      retry: { attempts: 3, backoffMs: 50, maxBackoffMs: 300_000 },
      channels: [
        {
          name: "hook",
          type: "webhook",
          url: { value: "https://hooks.example/gonogo" },
          secretEnv: "HOOK_SECRET",
          events: null,
        },
        {
          name: "oncall",
          type: "slack",
          url: { env: "ONCALL_SLACK_URL" },
          secretEnv: null,
          events: ["verdict-changed"],
        },
      ],
      owners: { payments: ["hook"] },
    });
  });

  it("has no channels when the block is left out", () => {
    const config = parseServerConfig(FILE, "services: []\n");
    expect(config.notifications.channels).toEqual([]);
  });

  it("names each problem with its file:line: unknown channels, a webhook without a secret, a bad duration, a secret written out", () => {
    const problems = problemsOf(
      lines(
        "services:",
        "  - { name: orders, checklist: o.md, notify: [pager] }",
        "notifications:",
        "  expiry_window: soon",
        "  channels:",
        "    hook: { type: webhook, url: 'https://hooks.example/x' }",
        "    both: { type: slack, url: 'https://hooks.slack.com/x', url_env: SLACK_URL }",
        "    signed: { type: webhook, url: 'https://h.example', secret: hunter2, secret_env: 'not a name' }",
        "    chatty: { type: slack, url_env: SLACK_URL, events: [every-run] }",
        "  owners:",
        "    payments: [hook, nowhere]",
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `${FILE}:4:18 notifications.expiry_window: "soon" is not a duration (250ms, 10s, 5m, 1h, 7d)`,
        expect.stringMatching(
          /^\/srv\/gonogo-server\.yml:6:\d+ notifications\.channels\.hook: a webhook needs secret_env/,
        ),
        expect.stringMatching(
          /^\/srv\/gonogo-server\.yml:7:\d+ notifications\.channels\.both: give one of url or url_env/,
        ),
        expect.stringMatching(
          /^\/srv\/gonogo-server\.yml:8:\d+ notifications\.channels\.signed\.secret: unknown key/,
        ),
        expect.stringMatching(
          /^\/srv\/gonogo-server\.yml:8:\d+ notifications\.channels\.signed\.secret_env: an environment variable name/,
        ),
        expect.stringMatching(
          /^\/srv\/gonogo-server\.yml:9:\d+ notifications\.channels\.chatty\.events\.0: /,
        ),
      ]),
    );
    // Unknown channels are found once the shapes hold: a second pass with the shapes fixed.
    const routing = problemsOf(
      lines(
        "services:",
        "  - { name: orders, checklist: o.md, notify: [pager] }",
        "notifications:",
        "  channels:",
        "    hook: { type: webhook, url: 'https://hooks.example/x', secret_env: HOOK_SECRET }",
        "  owners:",
        "    payments: [hook, nowhere]",
      ),
    );
    expect(routing).toEqual([
      `${FILE}:2:47 services.0.notify.0: no channel named "pager" (defined: hook)`,
      `${FILE}:7:22 notifications.owners.payments.1: no channel named "nowhere" (defined: hook)`,
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});

describe("docs/notifications.md", () => {
  it("shows a gonogo-server.yml the server accepts", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../docs/notifications.md", import.meta.url), "utf8");
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toContain("notifications:");
    const config = parseServerConfig(FILE, example ?? "");
    expect(config.notifications.channels.map((c) => c.name)).toEqual(["payments-hook", "sre-oncall"]);
    expect(config.services[0]?.notify).toEqual(["sre-oncall"]);
  });
});
