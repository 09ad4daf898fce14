import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeContext, ProbeResult } from "../types.js";
import { DEFAULT_MAX_CONTENT as CONTENT_CAP_BYTES } from "./config.js";
import fileProbe from "./index.js";
import { run as runFile } from "./runner.js";

let base: string;
let repo: string;
beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), "gonogo-file-")));
  repo = path.join(base, "repo");
  const files: Record<string, string | Buffer> = {
    "k8s/deployment.yaml": "kind: Deployment\nreplicas: 3\n",
    "k8s/service.yaml": "kind: Service",
    "k8s/notes.txt": "not yaml\n",
    "k8s/overlays/prod/patch.yaml": "replicas: 6\n",
    "k8s/.hidden.yaml": "kind: Secret\n",
    "pages/[id].tsx": "export default 1;\n",
    "node_modules/dep/chart.yaml": "vendored\n",
    "big/a.log": Buffer.alloc(CONTENT_CAP_BYTES - 10, "a"),
    "big/b.log": Buffer.alloc(100, "b"),
    "../secret.txt": "outside\n",
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await writeFile(path.join(repo, name), content);
  }
  await symlink(path.join(base, "secret.txt"), path.join(repo, "k8s/escape.link"));
  await symlink(path.join(repo, "missing"), path.join(repo, "k8s/dangling.yaml"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function probe(config: unknown, overrides: Partial<ProbeContext> = {}): Promise<ProbeResult> {
  return runFile(fileProbe.configSchema.parse(config), {
    signal: new AbortController().signal,
    timeoutMs: 5000,
    requested: [],
    targets: { repo: { name: "repo", path: "repo" }, api: { name: "api", url: "http://x" } },
    baseDir: base,
    ...overrides,
  });
}

describe("file probe", () => {
  it("reads a single file under a target", async () => {
    const result = await probe({ target: "repo", path: "k8s/deployment.yaml" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({
      exists: true,
      count: 1,
      files: ["k8s/deployment.yaml"],
      size: { value: 29, unit: "B" },
      content: "kind: Deployment\nreplicas: 3\n",
    });
    expect(result.evidence).toMatchObject({ directory: repo, matched: ["k8s/deployment.yaml"] });
  });

  it("matches a glob, skipping dotfiles and dangling links, keeping files apart in content", async () => {
    const result = await probe({ target: "repo", path: "k8s/*.yaml" });
    expect(result.observations).toMatchObject({
      exists: true,
      count: 2,
      files: ["k8s/deployment.yaml", "k8s/service.yaml"],
      size: { value: 29 + 13, unit: "B" },
      content: "kind: Deployment\nreplicas: 3\nkind: Service",
    });
    const deep = await probe({ target: "repo", path: "**/*.yaml" });
    expect(deep.observations.files).toEqual([
      "k8s/deployment.yaml",
      "k8s/overlays/prod/patch.yaml",
      "k8s/service.yaml",
    ]);
    const vendored = await probe({ target: "repo", path: "node_modules/**/*.yaml" });
    expect(vendored.observations.count).toBe(1);
  });

  it("reports no match as exists false, count 0, and no size or content (never 0 bytes)", async () => {
    const result = await probe({ target: "repo", path: "helm/**/values.yaml" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({
      exists: false,
      count: 0,
      files: [],
      size: null,
      content: null,
    });
  });

  it("matches a directory and a literal path that looks like a glob", async () => {
    const dir = await probe({ target: "repo", path: "k8s/overlays" });
    expect(dir.observations).toMatchObject({
      exists: true,
      count: 1,
      files: ["k8s/overlays/"],
      content: null,
    });
    const literal = await probe({ target: "repo", path: "pages/[id].tsx" });
    expect(literal.observations).toMatchObject({ count: 1, content: "export default 1;\n" });
  });

  it("resolves paths against gonogo.yml's folder (baseDir) without a target", async () => {
    const result = await probe({ path: "repo/k8s/service.yaml" });
    expect(result.observations).toMatchObject({ exists: true, content: "kind: Service" });
  });

  it("caps content at 1 MiB while size counts every byte", async () => {
    const result = await probe({ target: "repo", path: "big/*.log" });
    expect(result.observations.size).toEqual({ value: CONTENT_CAP_BYTES + 90, unit: "B" });
    const content = result.observations.content as string;
    expect(Buffer.byteLength(content)).toBe(CONTENT_CAP_BYTES);
    expect(content.endsWith("a\nbbbbbbbbb")).toBe(true);
    expect(result.evidence).toMatchObject({ contentTruncatedBytes: 91 });
    expect(result.partial).toEqual({
      content: {
        part: "head",
        limit: "the matched files hold 1,048,666 bytes and content was read only to max_content (1MiB)",
        raise: "raise max_content in the check's file block to read them all",
      },
    });
    const whole = await probe({ target: "repo", path: "big/*.log", max_content: "2MiB" });
    expect(whole.partial).toEqual({});
    expect((whole.observations.content as string).endsWith("b".repeat(100))).toBe(true);
  });

  it("refuses paths and links that leave the target directory", async () => {
    const parent = await probe({ target: "repo", path: "k8s/../../secret.txt" });
    expect(parent).toEqual({
      observations: {},
      error: `path "k8s/../../secret.txt" leaves the target directory ${repo}`,
    });
    const absolute = await probe({ target: "repo", path: "/etc/passwd" });
    expect(absolute.error).toBe(`path "/etc/passwd" leaves the target directory ${repo}`);
    const link = await probe({ target: "repo", path: "k8s/escape.link" });
    expect(link.error).toBe('"k8s/escape.link" leads outside the target directory');
  });

  it("throws a config error for an unknown target or one without a path", async () => {
    await expect(probe({ target: "nope", path: "x" })).rejects.toMatchObject({
      kind: "config",
      message: 'file: unknown target "nope"',
      details: ["known targets: repo, api"],
    });
    await expect(probe({ target: "api", path: "x" })).rejects.toMatchObject({
      kind: "config",
      message: 'file: target "api" has no path',
    });
  });

  it("names a target directory that does not exist", async () => {
    const gone = await probe(
      { target: "repo", path: "x" },
      { targets: { repo: { name: "repo", path: "gone" } } },
    );
    expect(gone.error).toBe(`target directory not found: ${base}/gone`);
  });

  it("stops when aborted", async () => {
    const result = await probe({ target: "repo", path: "**/*" }, { signal: AbortSignal.abort() });
    expect(result.error).toBe('stopped (timeout or cancel) while matching "**/*"');
  });

  it("rejects unknown config keys", () => {
    expect(fileProbe.configSchema.safeParse({ path: "x", glob: true }).success).toBe(false);
    expect(fileProbe.configSchema.safeParse({ target: "repo" }).success).toBe(false);
  });
});
