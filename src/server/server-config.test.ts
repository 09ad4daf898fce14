import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { loadServerConfig, parseServerConfig } from "./server-config.js";

function problemsOf(text: string): string[] {
  try {
    parseServerConfig("/srv/gonogo-server.yml", text);
  } catch (error) {
    expect(error).toBeInstanceOf(GonogoError);
    expect((error as GonogoError).kind).toBe("config");
    return (error as GonogoError).details;
  }
  throw new Error("expected a config error");
}

describe("the server config", () => {
  it("resolves paths against its folder; the config defaults to gonogo.yml beside the checklist", () => {
    const config = parseServerConfig(
      "/srv/gonogo-server.yml",
      [
        "services:",
        "  - { name: orders, checklist: orders/LAUNCH.md, owner: payments }",
        "  - { name: search, checklist: /abs/s.md, config: conf/search.yml, allow_commands: true }",
      ].join("\n"),
    );
    expect(config.defaultStore).toBe("/srv/.gonogo/gonogo.db");
    expect(config.services).toEqual([
      {
        name: "orders",
        owner: "payments",
        checklistPath: "/srv/orders/LAUNCH.md",
        configPath: "/srv/orders/gonogo.yml",
        allowCommands: false,
        allowLinkLocal: false,
        notify: [],
        schedule: null,
        git: null,
      },
      {
        name: "search",
        owner: null,
        checklistPath: "/abs/s.md",
        configPath: "/srv/conf/search.yml",
        allowCommands: true,
        allowLinkLocal: false,
        notify: [],
        schedule: null,
        git: null,
      },
    ]);
  });

  it("refuses an unknown key with its file:line, at the top and in a service", () => {
    const problems = problemsOf(
      ["services:", "  - name: orders", "    checklist: a.md", "    ownr: payments", "listen: 0.0.0.0"].join(
        "\n",
      ),
    );
    expect(problems).toContain("/srv/gonogo-server.yml:5:1 listen: unknown key");
    expect(problems).toContain("/srv/gonogo-server.yml:4:5 services.0.ownr: unknown key");
  });

  it("says what is wrong with a name and with a name given twice", () => {
    const badName = problemsOf(["services:", "  - { name: a/b, checklist: x.md }"].join("\n"));
    expect(badName.join("\n")).toMatch(/:2:\d+ services\.0\.name: letters, digits/);
    const twice = problemsOf(
      ["services:", "  - { name: ok, checklist: x.md }", "  - { name: ok, checklist: y.md }"].join("\n"),
    );
    expect(twice).toEqual(['/srv/gonogo-server.yml:3:7 services.1.name: "ok" is named twice']);
  });

  it("a missing file is not-found, and says how to write one", async () => {
    const folder = mkdtempSync(join(tmpdir(), "gonogo-server-config-"));
    const error = await loadServerConfig(join(folder, "gonogo-server.yml")).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not-found" });
    expect((error as GonogoError).details.join("\n")).toContain("services:");
    writeFileSync(join(folder, "gonogo-server.yml"), "services: []\n");
    expect((await loadServerConfig(join(folder, "gonogo-server.yml"))).services).toEqual([]);
  });

  it("reads a schedule and its time zone, and the jobs settings with their defaults", () => {
    const config = parseServerConfig(
      "/srv/gonogo-server.yml",
      [
        "services:",
        '  - { name: orders, checklist: a.md, schedule: "*/5 * * * *", timezone: Europe/Berlin }',
        '  - { name: search, checklist: b.md, schedule: "@hourly" }',
        "jobs: { poll_interval: 500ms, lease: 3s, retries: 1 }",
      ].join("\n"),
    );
    expect(config.services.map((s) => s.schedule)).toEqual([
      { cron: "*/5 * * * *", timezone: "Europe/Berlin" },
      { cron: "@hourly", timezone: "UTC" },
    ]);
    expect(config.jobs).toMatchObject({ pollMs: 500, leaseMs: 3000, retries: 1, shutdownGraceMs: 30_000 });
  });

  it("a bad cron expression or time zone is a config error at its file:line", () => {
    const problems = problemsOf(
      [
        "services:",
        "  - name: orders",
        "    checklist: a.md",
        '    schedule: "61 * * * *"',
        "  - name: search",
        "    checklist: b.md",
        '    schedule: "* * * * *"',
        "    timezone: Mars/Olympus",
        "jobs: { lease: soon }",
      ].join("\n"),
    );
    expect(problems).toContain(
      '/srv/gonogo-server.yml:4:15 services.0.schedule: "61 * * * *" is not a cron expression: Invalid value for minute: 61 (e.g. "*/5 * * * *": every 5 minutes)',
    );
    expect(problems.join("\n")).toMatch(/:8:\d+ services\.1\.timezone: "Mars\/Olympus" is not a time zone/);
    expect(problems.join("\n")).toMatch(/:9:\d+ jobs\.lease: a duration such as/);
  });
});
