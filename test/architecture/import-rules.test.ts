import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruiser.mjs");

interface Cruise {
  code: number | null;
  output: string;
}

/** Runs the import rules as `npm run lint` does, on the `src/` under `cwd`. */
function cruise(cwd: string): Promise<Cruise> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DEPCRUISE, "src", "--config", CONFIG, "--output-type", "err-long", "--no-progress"],
      { cwd },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** A small src/ whose modules break one rule each, beside modules that keep them. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "gonogo-import-rules-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the import rules (.dependency-cruiser.cjs, docs/architecture.md)", () => {
  it("hold for the real src/", async () => {
    const result = await cruise(ROOT);
    expect(result.output).toContain("no dependency violations found");
    expect(result.code).toBe(0);
  });

  it("fail on a backward import, a probe reaching into another, and a cycle, naming each import", async () => {
    const root = fixture({
      "src/core/units.ts": 'export const unit = "ms";\n',
      "src/engine/run-plan.ts": 'import { unit } from "../core/units.js";\nexport const plan = unit;\n',
      // core is the bottom layer: it imports nothing of ours above it.
      "src/core/backward.ts": 'import { plan } from "../engine/run-plan.js";\nexport const late = plan;\n',
      "src/probes/beta/parse.ts": "export const parse = (text: string) => text.length;\n",
      "src/probes/alpha/index.ts": 'import { parse } from "../beta/parse.js";\nexport default parse;\n',
      "src/verdict/score.ts": 'import { gate } from "./gates.js";\nexport const score = () => gate;\n',
      "src/verdict/gates.ts": 'import { score } from "./score.js";\nexport const gate = () => score;\n',
    });
    const result = await cruise(root);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("layer-core: src/core/backward.ts → src/engine/run-plan.ts");
    expect(result.output).toContain("src/core/ may import only its own files");
    expect(result.output).toContain(
      "probe-imports-another-probe: src/probes/alpha/index.ts → src/probes/beta/parse.ts",
    );
    expect(result.output).toMatch(/no-circular: src\/verdict\/(score|gates)\.ts →/);
    // The modules that keep the rules are not named.
    expect(result.output).not.toContain("src/engine/run-plan.ts → src/core/units.ts");
  });

  it("fail on a folder that has no row in the layer table", async () => {
    const root = fixture({
      "src/core/errors.ts": "export class GonogoError extends Error {}\n",
      "src/gadgets/widget.ts":
        'import { GonogoError } from "../core/errors.js";\nexport const w = GonogoError;\n',
    });
    const result = await cruise(root);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("loose-module-in-src: src/gadgets/widget.ts → src/core/errors.ts");
  });
});
