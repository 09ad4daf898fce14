import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { loadConfig } from "./load-config.js";

async function refusal(text: string): Promise<GonogoError> {
  const path = join(mkdtempSync(join(tmpdir(), "gonogo-yaml-")), "gonogo.yml");
  writeFileSync(path, text);
  const error = await loadConfig(path, {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GonogoError);
  const refused = error as GonogoError;
  refused.message = refused.message.replace(/^.*?gonogo\.yml/, "gonogo.yml");
  return refused;
}

/** A document whose deepest mapping is `depth` levels down (the top level is 1), block or flow style. */
function nested(depth: number, style: "block" | "flow"): string {
  const inner = depth - 1;
  if (style === "flow") return `version: 1\nx: ${"{a: ".repeat(inner)}1${"}".repeat(inner)}\n`;
  const lines = Array.from({ length: inner - 1 }, (_, i) => `${" ".repeat(i + 1)}k${i}:`);
  return `version: 1\nx:\n${lines.join("\n")}\n${" ".repeat(inner)}v: 1\n`;
}

describe("gonogo.yml that would exhaust the loader", () => {
  it("refuses a YAML alias bomb (billion laughs) in one line, without expanding it", async () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const error = await refusal(`version: 1\n${levels.join("\n")}\n`);
    expect(error.message).toBe(
      "gonogo.yml: too many aliases: their expansion would grow without bound (a YAML alias bomb); write the values out",
    );
    expect(error.details).toEqual([]);
  });

  it.each([
    ["block", 2000],
    ["flow", 2000],
    ["block", 65],
    ["flow", 65],
  ] as const)("refuses a %s mapping nested %i levels deep, naming the line", async (style, depth) => {
    const error = await refusal(nested(depth, style));
    expect(error.message).toMatch(
      /^gonogo\.yml:\d+:\d+: nested more than 64 levels deep: a gonogo\.yml never needs that, so it is not read$/,
    );
    expect(error.details).toEqual([]);
  });

  it.each(["block", "flow"] as const)(
    "reads a %s mapping nested 64 levels deep (the unknown key is its only problem)",
    async (style) => {
      const error = await refusal(nested(64, style));
      expect(error.details).toEqual([expect.stringMatching(/gonogo\.yml:2:1 x: unknown key$/)]);
    },
  );
});
