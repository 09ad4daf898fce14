import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configJsonSchema, loadConfig } from "../../src/config/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// What a user of these examples has set: the examples read these from the environment.
const ENV = {
  API_TOKEN: "example-token",
  DATABASE_URL: "postgres://app:secret@127.0.0.1:5432/app",
  REDIS_URL: "redis://127.0.0.1:6379/0",
};

/** Every README.md of the repository: the root, src/**, examples/ (not node_modules or dist). */
function readmes(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ["node_modules", "dist", ".git"].includes(entry.name) ? [] : readmes(path);
    return entry.name === "README.md" ? [path] : [];
  });
}

interface YamlBlock {
  file: string;
  line: number;
  text: string;
  /** Why the block is not a whole gonogo.yml, from `<!-- fragment: why -->` on the line above it. */
  fragment: string | null;
}

function yamlBlocks(file: string): YamlBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: YamlBlock[] = [];
  lines.forEach((line, i) => {
    if (!/^```ya?ml\s*$/.test(line)) return;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    const above = /^<!--\s*fragment:(.*?)-->\s*$/.exec(lines[i - 1] ?? "");
    blocks.push({
      file: relative(ROOT, file),
      line: i + 1,
      text: `${lines.slice(i + 1, end).join("\n")}\n`,
      fragment: above ? (above[1] ?? "").trim() : null,
    });
  });
  return blocks;
}

const blocks = readmes().flatMap(yamlBlocks);
// An editor given the shipped schema must accept what the loader accepts.
const validate = new Ajv2020({
  strict: false,
  allErrors: true,
  formats: { uri: (text: string) => URL.canParse(text) },
}).compile(configJsonSchema());

describe("the YAML examples in the READMEs", () => {
  it("finds the examples (the root README and each probe's)", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(14);
    expect(blocks.map((b) => b.file)).toContain("README.md");
  });

  it.each(blocks.map((b) => [`${b.file}:${b.line}`, b] as const))(
    "%s loads through the config loader (or says why it is only a fragment)",
    async (_, block) => {
      if (block.fragment !== null) {
        expect(block.fragment, "a fragment says why it is one").not.toBe("");
        return;
      }
      const path = join(mkdtempSync(join(tmpdir(), "gonogo-readme-")), "gonogo.yml");
      writeFileSync(path, block.text);
      const loaded = await loadConfig(path, ENV).catch((error: Error & { details?: string[] }) => {
        throw new Error(`${block.file}:${block.line}: ${error.message}\n${(error.details ?? []).join("\n")}`);
      });
      expect(loaded.checks.length).toBeGreaterThan(0);
      expect(validate(parse(block.text)), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it.each(["examples/quickstart/gonogo.yml", "examples/pricing/gonogo.yml"])("%s loads", async (file) => {
    const loaded = await loadConfig(join(ROOT, file), ENV);
    expect(loaded.checks.length).toBeGreaterThan(0);
  });
});
