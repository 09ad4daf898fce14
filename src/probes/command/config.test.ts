import { describe, expect, it } from "vitest";
import commandProbe from "./index.js";

const parse = (config: unknown) => commandProbe.configSchema.safeParse(config);
const messages = (config: unknown) => parse(config).error?.issues.map((issue) => issue.message) ?? [];

describe("command config", () => {
  it("accepts a shell line or an argv list, with cwd and env", () => {
    expect(parse({ run: "npm test", cwd: "repo", env: { CI: true, PORT: 8080 }, shell: true }).data).toEqual({
      run: "npm test",
      cwd: "repo",
      env: { CI: "true", PORT: "8080" },
      shell: true,
      max_output: 64 * 1024,
    });
    expect(parse({ argv: ["npm", "test"] }).success).toBe(true);
    expect(parse({ run: "echo $0", shell: "/bin/bash" }).success).toBe(true);
  });

  it("reads max_output as a size, within what memory can hold", () => {
    expect(parse({ run: "make", max_output: "1MiB" }).data?.max_output).toBe(1024 * 1024);
    expect(messages({ run: "make", max_output: "lots" })).toEqual([
      'expected a size such as 64KiB or 1MiB, got "lots"',
    ]);
    expect(messages({ run: "make", max_output: "1GB" })).toEqual(['at most 64MiB, got "1GB"']);
  });

  it("wants exactly one of run and argv", () => {
    const hint = "give exactly one of `run` (a shell command line) or `argv` (a list, no shell)";
    expect(messages({})).toEqual([hint]);
    expect(messages({ run: "a", argv: ["a"] })).toEqual([hint]);
    expect(messages({ run: "   " }).length).toBeGreaterThan(0);
  });

  it("rejects unknown keys and a shell setting that contradicts the form", () => {
    expect(parse({ run: "npm test", timeout: "5s" }).success).toBe(false);
    expect(messages({ run: "npm test", shell: false })).toEqual([
      "`run` is a shell command line; use `argv: [...]` to run without a shell",
    ]);
    expect(messages({ argv: ["npm"], shell: true })).toEqual([
      '`argv` runs without a shell; use `run: "..."` for a shell command line',
    ]);
  });
});
