import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import dockerfileProbe from "../../src/probes/dockerfile/index.js";
import { run as runDockerfile } from "../../src/probes/dockerfile/runner.js";

// No Docker engine runs here, so the image is never built in the tests: the Dockerfile is read by
// gonogo's own dockerfile probe (what `gonogo verify READINESS.md` checks too), and its COPY
// sources are checked against .dockerignore, which would otherwise fail only at `docker build`.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function probeRepoDockerfile() {
  return runDockerfile(dockerfileProbe.configSchema.parse({ target: "repo" }), {
    signal: new AbortController().signal,
    timeoutMs: 5000,
    requested: [],
    targets: { repo: { name: "repo", path: ROOT } },
    baseDir: ROOT,
  });
}

/** The `**` + `!path` allow-list of .dockerignore: the paths it lets into the build context. */
async function allowedInContext(): Promise<string[]> {
  const lines = (await readFile(`${ROOT}.dockerignore`, "utf8")).split("\n").map((line) => line.trim());
  expect(lines.filter((line) => line && !line.startsWith("#"))[0]).toBe("**");
  return lines.filter((line) => line.startsWith("!")).map((line) => line.slice(1).replace(/\/$/, ""));
}

describe("the Dockerfile", () => {
  it("builds a multi-stage, non-root image with a health check, its base pinned by digest", async () => {
    const result = await probeRepoDockerfile();
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      stages: 2,
      runs_as_root: false,
      final_user: "node",
      healthcheck: true,
      latest_tags: 0,
      exposed_ports: ["8080"],
    });
    const images = result.observations?.base_images as string[];
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^node:24-[a-z-]+@sha256:[0-9a-f]{64}$/);
  });

  it("checks /healthz on the port it serves on, and has serve and worker as entry points", async () => {
    const text = await readFile(`${ROOT}Dockerfile`, "utf8");
    const healthcheck = /^HEALTHCHECK .*\\\n(.*)$/m.exec(text)?.[1] ?? "";
    expect(healthcheck).toContain("http://127.0.0.1:8080/healthz");
    expect(text).toMatch(/^ENTRYPOINT \["gonogo"\]$/m);
    expect(text).toMatch(/^CMD \["serve", "--host", "0\.0\.0\.0", "--port", "8080",/m);
    // The worker runs from the same image: `docker run IMAGE worker` (deploy/compose.yaml does).
    expect(text).toMatch(/gonogo worker/);
    // Production dependencies only in the image: the runtime stage installs with --omit=dev.
    expect(text).toMatch(/npm install --omit=dev/);
  });

  it("copies only what .dockerignore lets into the build context", async () => {
    const allowed = await allowedInContext();
    const text = (await readFile(`${ROOT}Dockerfile`, "utf8")).replaceAll("\\\n", " ");
    const sources = text
      .split("\n")
      .filter((line) => /^COPY /.test(line) && !/--from=/.test(line))
      .flatMap((line) =>
        line
          .replace(/^COPY\s+(--\S+\s+)*/, "")
          .trim()
          .split(/\s+/)
          .slice(0, -1),
      );
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect(allowed, `COPY ${source}`).toContain(source.replace(/\/$/, ""));
    // And nothing that must stay out: tests, fixtures, benches, stores, local builds.
    for (const path of ["test", "bench", "node_modules", "dist", ".gonogo", "examples", ".git"])
      expect(allowed).not.toContain(path);
  });
});
