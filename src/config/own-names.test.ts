import { describe, expect, it } from "vitest";
import { planFor, writeProject } from "../../test/support/config-file.js";
import { GonogoError } from "../core/errors.js";
import { bindSignoffGates } from "../verdict/signoff-gates.js";
import { loadConfig } from "./load-config.js";

// Names Object.prototype gives a meaning to: each must be a name like any other in every map.
const CHECKLIST = "# constructor\n- [ ] item one\n## toString\n- [ ] item two\n";
const CONFIG = `version: 1
targets:
  constructor: { path: ".", headers: { toString: "a", valueOf: "b" } }
checks:
  constructor:
    item: "item one"
    command: { run: "true", cwd: constructor, env: { hasOwnProperty: "1", prototype: "2" } }
    expect: ["exit_code == 0"]
  toString:
    item: "item two"
    http: { url: "http://127.0.0.1:1", headers: { constructor: "x", isPrototypeOf: "y" } }
    expect: ["status == 200"]
tags:
  valueOf: ["item one"]
gates:
  sections: { constructor: 50%, toString: 50% }
  tags: { valueOf: 100% }
  signoffs: { toString: ["hasOwnProperty"] }
`;

async function problemsOf(config: string): Promise<string[]> {
  const { configPath } = writeProject(CHECKLIST, config);
  const error = await loadConfig(configPath, {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GonogoError);
  return (error as GonogoError).details.map((d) => d.replace(/^.*gonogo\.yml:/, "gonogo.yml:"));
}

describe("names in gonogo.yml that JavaScript objects give a meaning to", () => {
  it("keeps constructor, toString, valueOf, hasOwnProperty, prototype as names in every map", async () => {
    const plan = await planFor(CHECKLIST, CONFIG);
    const { config, targets } = plan.config;
    expect(plan.checks.map((c) => [c.id, c.itemIds])).toEqual([
      ["constructor", ["constructor/item-one"]],
      ["toString", ["constructor/tostring/item-two"]],
    ]);
    expect(new Map(Object.entries(targets)).get("constructor")?.headers).toEqual({
      toString: "a",
      valueOf: "b",
    });
    const [command, http] = plan.checks.map((c) => c.probeConfig as Record<string, Record<string, string>>);
    expect(command?.env).toEqual({ hasOwnProperty: "1", prototype: "2" });
    expect(http?.headers).toEqual({ constructor: "x", isPrototypeOf: "y" });
    expect(plan.sectionGates.map((g) => [g.name, g.section.title])).toEqual([
      ["constructor", "constructor"],
      ["toString", "toString"],
    ]);
    expect(plan.tagGates.map((g) => [g.name, g.itemIds])).toEqual([
      ['tag "valueOf"', ["constructor/item-one"]],
    ]);
    expect(bindSignoffGates(plan.checklist, config, "gonogo.yml").map((g) => [g.name, g.roles])).toEqual([
      ["toString", ["hasOwnProperty"]],
    ]);
  });

  it("never finds a name that was not written: an undefined target `toString` is a config error", async () => {
    const found = await problemsOf(`version: 1
checks:
  a:
    item: "item one"
    file: { target: toString, path: x }
    expect: ["exists == true"]
  b:
    item: "item two"
    http: { url: "http://127.0.0.1:1" }
    expect: ["constructor == 1"]
`);
    expect(found).toEqual([
      'gonogo.yml:5:21 checks.a.file.target: target "toString" is not defined under targets: (none defined)',
      'gonogo.yml:10:14 checks.b.expect.0: the http probe has no observable "constructor" (it has: status, latency, size, body, json, header, redirect, secrets, security_headers)',
    ]);
  });

  it("refuses __proto__ in every map, naming file:line and the key, instead of dropping it", async () => {
    // One __proto__ in each map of the config; the rest of the config is valid.
    const found = await problemsOf(`version: 1
__proto__: 1
targets:
  __proto__: { path: "." }
  api: { url: "http://127.0.0.1:1", headers: { __proto__: "a" } }
checks:
  __proto__:
    item: "item one"
    file: { path: x }
    expect: ["exists == true"]
  run:
    item: "item one"
    command: { run: "true", env: { __proto__: "1" } }
    expect: ["exit_code == 0"]
  web:
    __proto__: 1
    item: "item two"
    http: { url: "http://127.0.0.1:1", headers: { __proto__: "x" }, __proto__: 2 }
    expect: ["status == 200"]
tags:
  __proto__: ["item one"]
gates:
  sections: { __proto__: 50% }
  tags: { __proto__: 100% }
  signoffs: { __proto__: ["x"] }
waivers:
  - { item: "item two", reason: "r", by: "b", until: 2099-01-01, __proto__: 1 }
`);
    const reserved = "a name JavaScript reserves, so gonogo cannot hold it: rename it";
    expect(found).toEqual(
      [
        "gonogo.yml:2:1 __proto__",
        "gonogo.yml:4:3 targets.__proto__",
        "gonogo.yml:5:48 targets.api.headers.__proto__",
        "gonogo.yml:7:3 checks.__proto__",
        "gonogo.yml:13:36 checks.run.command.env.__proto__",
        "gonogo.yml:16:5 checks.web.__proto__",
        "gonogo.yml:18:69 checks.web.http.__proto__",
        "gonogo.yml:18:51 checks.web.http.headers.__proto__",
        "gonogo.yml:21:3 tags.__proto__",
        "gonogo.yml:23:15 gates.sections.__proto__",
        "gonogo.yml:24:11 gates.tags.__proto__",
        "gonogo.yml:25:15 gates.signoffs.__proto__",
        "gonogo.yml:27:66 waivers.0.__proto__",
      ].map((place) => `${place}: ${reserved}`),
    );
  });
});
