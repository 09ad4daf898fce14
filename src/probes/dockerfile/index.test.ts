import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeResult } from "../types.js";
import dockerfileProbe from "./index.js";
import { run as runDockerfile } from "./runner.js";

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), "gonogo-dockerfile-"));
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

/** Writes `text` as repo/<name> and probes it through the `repo` target. */
async function probeDockerfile(text: string, name = "Dockerfile"): Promise<ProbeResult> {
  await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
  await writeFile(path.join(repo, name), text);
  return probe({ target: "repo", ...(name !== "Dockerfile" && { path: name }) });
}

function probe(config: unknown): Promise<ProbeResult> {
  return runDockerfile(dockerfileProbe.configSchema.parse(config), {
    signal: new AbortController().signal,
    timeoutMs: 5000,
    requested: [],
    targets: { repo: { name: "repo", path: repo } },
    baseDir: "/",
  });
}

describe("dockerfile probe", () => {
  it("reads a multi-stage build with a non-root final user", async () => {
    const result = await probeDockerfile(`# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
FROM node:\${NODE_VERSION}-alpine AS build
WORKDIR /app
RUN npm ci \\
    && npm run build
USER root
FROM gcr.io/distroless/nodejs22
COPY --from=build /app/dist /app
USER nonroot
EXPOSE 8080/tcp 9464
HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "/app/health.js"]
`);
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({
      stages: 2,
      final_user: "nonroot",
      runs_as_root: false,
      healthcheck: true,
      base_images: ["node:22-alpine", "gcr.io/distroless/nodejs22"],
      latest_tags: 1,
      exposed_ports: ["8080", "9464"],
    });
    expect(result.evidence).toMatchObject({
      stages: [
        { line: 3, name: "build", from: "node:22-alpine" },
        { line: 8, name: null, from: "gcr.io/distroless/nodejs22" },
      ],
      floatingImages: ["gcr.io/distroless/nodejs22"],
    });
  });

  it("runs as root with no USER, or a USER set only in an earlier stage", async () => {
    const single = await probeDockerfile("FROM python:3.12-slim\nCMD python app.py\n");
    expect(single.observations).toMatchObject({
      stages: 1,
      final_user: "root",
      runs_as_root: true,
      healthcheck: false,
    });
    const earlier = await probeDockerfile(
      "FROM node:22 AS build\nUSER node\nHEALTHCHECK CMD true\nFROM nginx:1.27\n",
    );
    expect(earlier.observations).toMatchObject({
      final_user: "root",
      runs_as_root: true,
      healthcheck: false,
    });
    const uidZero = await probeDockerfile("FROM alpine:3.20\nUSER app\nUSER 0:0\n");
    expect(uidZero.observations).toMatchObject({ final_user: "0:0", runs_as_root: true });
  });

  it("treats HEALTHCHECK NONE as no health check, the last one winning", async () => {
    const none = await probeDockerfile(
      "FROM alpine:3.20\nHEALTHCHECK CMD wget -q localhost\nHEALTHCHECK NONE\n",
    );
    expect(none.observations.healthcheck).toBe(false);
    const reenabled = await probeDockerfile(
      "FROM alpine:3.20\nHEALTHCHECK NONE\nhealthcheck --retries=3 CMD true\n",
    );
    expect(reenabled.observations.healthcheck).toBe(true);
  });

  it("counts :latest and untagged bases, not digest-pinned ones or scratch", async () => {
    const floating = await probeDockerfile(
      "FROM ubuntu:latest AS a\nFROM alpine AS b\nFROM localhost:5000/tools AS c\nFROM node:22\n",
    );
    expect(floating.observations).toMatchObject({
      base_images: ["ubuntu:latest", "alpine", "localhost:5000/tools", "node:22"],
      latest_tags: 3,
    });
    const pinned = await probeDockerfile(
      `FROM alpine@sha256:${"a".repeat(64)} AS a\nFROM node:latest@sha256:${"b".repeat(64)}\nFROM scratch\n`,
    );
    expect(pinned.observations).toMatchObject({ stages: 3, latest_tags: 0 });
  });

  it("excludes earlier stage names from base images and inherits through them", async () => {
    const result = await probeDockerfile(`FROM node:22-slim AS deps
EXPOSE 3000
FROM Deps AS build
USER app
HEALTHCHECK CMD curl -f http://localhost:3000/health
FROM build
EXPOSE 9464
`);
    expect(result.observations).toMatchObject({
      stages: 3,
      base_images: ["node:22-slim"],
      latest_tags: 0,
      final_user: "app",
      healthcheck: true,
      exposed_ports: ["3000", "9464"],
    });
  });

  it("follows line continuations, comments and build-argument defaults", async () => {
    const result = await probeDockerfile(`ARG VARIANT
ARG BASE_IMAGE
FROM \\
  # the runtime image
  node:\${VARIANT:-20}-bookworm \\
  AS runtime
FROM $BASE_IMAGE
USER \\
  appuser
EXPOSE 80 \\
  443 53/udp
`);
    expect(result.observations).toMatchObject({
      stages: 2,
      base_images: ["node:20-bookworm", "$BASE_IMAGE"],
      latest_tags: 0,
      final_user: "appuser",
      exposed_ports: ["80", "443", "53/udp"],
    });
    expect(result.evidence).toMatchObject({ unresolvedImages: ["$BASE_IMAGE"] });
  });

  it("reads the path given, under the target", async () => {
    const result = await probeDockerfile("FROM golang:1.23\n", "docker/api.Dockerfile");
    expect(result.observations.base_images).toEqual(["golang:1.23"]);
  });

  it("names a missing file, a file with no FROM and a path outside the target", async () => {
    const missing = await probe({ target: "repo", path: "nope/Dockerfile" });
    expect(missing).toEqual({ observations: {}, error: `Dockerfile not found: ${repo}/nope/Dockerfile` });
    const noFrom = await probeDockerfile("# just a comment\nRUN echo hi\n", "Broken.Dockerfile");
    expect(noFrom.error).toBe(`no FROM instruction in ${repo}/Broken.Dockerfile`);
    const outside = await probe({ target: "repo", path: "../Dockerfile" });
    expect(outside.error).toBe(`path "../Dockerfile" leaves the target directory ${repo}`);
  });

  it("throws a config error for an unknown target", async () => {
    await expect(probe({ target: "web" })).rejects.toMatchObject({
      kind: "config",
      message: 'dockerfile: unknown target "web"',
    });
  });

  it("rejects unknown config keys and defaults the path", () => {
    expect(dockerfileProbe.configSchema.parse({})).toEqual({ path: "Dockerfile" });
    expect(dockerfileProbe.configSchema.safeParse({ file: "Dockerfile" }).success).toBe(false);
  });
});
