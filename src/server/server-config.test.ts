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
      },
      {
        name: "search",
        owner: null,
        checklistPath: "/abs/s.md",
        configPath: "/srv/conf/search.yml",
        allowCommands: true,
        allowLinkLocal: false,
        notify: [],
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
});
