import { findTarget, isRatio, quantity, words } from "../rule-helpers.js";
import type { Rule } from "../types.js";

/** Tags of the images a Dockerfile builds FROM: `:latest`, pinned, "latest" said of base images. */
const BASE_IMAGE_TAGS =
  /:latest\b|\bpinned\b|\b(?:base|parent|FROM) images?\b[^.;]*\blatest\b|\blatest\b[^.;]*\b(?:base|parent) images?\b/i;

/** Build artifacts: the coverage report, the Dockerfile, the image and its build. */
export const BUILD_RULES: readonly Rule[] = [
  {
    name: "coverage",
    probe: "coverage",
    summary: "test coverage with a percentage -> lines of the coverage report",
    examples: ["Unit test coverage above 80%", "Code coverage ≥ 90%"],
    propose(facts) {
      if (!/coverage/i.test(facts.text)) return null;
      const target = findTarget(facts, (t) => isRatio(t) && (t.op === ">" || t.op === ">="));
      if (!target) return null;
      const path = facts.files.find((f) => /lcov|coverage|cobertura|jacoco/i.test(f)) ?? "coverage/lcov.info";
      return {
        config: { target: "repo", path },
        expect: [`lines ${target.op} ${quantity(target)}`],
        confidence: 0.7,
        because: ["coverage", target.text],
      };
    },
  },
  {
    name: "dockerfile",
    probe: "dockerfile",
    summary: "multi-stage / non-root / container health check / pinned tags -> the Dockerfile",
    examples: [
      "Dockerfile created with multi-stage build",
      "### Containerization\n- [ ] Non-root user configured",
      "### Containerization\n- [ ] Health checks configured",
      "Container has a health check",
      "- [ ] Dockerfile uses a multi-stage build\n  - [ ] Final stage runs as a non-root user",
    ],
    propose(facts) {
      const docker = /docker|container/i.test(`${facts.text} ${facts.context}`);
      const expect: string[] = [];
      const because: string[] = [];
      const add = (pattern: RegExp, expectation: string) => {
        if (!pattern.test(facts.text)) return;
        expect.push(expectation);
        because.push(...words(facts, pattern));
      };
      add(/multi-stage|multistage/i, "stages >= 2");
      if (docker) add(/non-root|as root|root user/i, "runs_as_root == false");
      if (docker) add(/health ?checks?/i, "healthcheck == true");
      // The Dockerfile's FROM tags: "its image tag is not latest" is about the tag it is deployed
      // with, which no FROM line tells.
      if (docker) add(BASE_IMAGE_TAGS, "latest_tags == 0");
      if (expect.length === 0 && /\bDockerfile (?:created|exists|written)/i.test(facts.text)) {
        expect.push("stages >= 1");
        because.push("Dockerfile");
      }
      if (expect.length === 0) return null;
      const path = facts.files.find((f) => /Dockerfile/i.test(f)) ?? "Dockerfile";
      return { config: { target: "repo", path }, expect, confidence: 0.8, because };
    },
  },
  {
    name: "image-size",
    probe: "command",
    summary: "image size under N (MB/GB) -> docker image inspect of $IMAGE, compared in the shell",
    examples: ["Image size optimized (< 800MB)", "Docker image under 500 MB"],
    propose(facts) {
      if (!/\bimage\b/i.test(facts.text) || !/\bsize\b|\bunder\b|</i.test(facts.text)) return null;
      const target = findTarget(
        facts,
        (t) => t.unit !== null && /^[KMGT]i?B$/.test(t.unit) && t.op.startsWith("<"),
      );
      if (!target) return null;
      const bytes = Math.round(target.value * sizeFactor(target.unit ?? "B"));
      const test = target.op === "<=" ? "-le" : "-lt";
      return {
        // The command probe judges exit codes, not numbers in its output, so the shell compares.
        config: { run: `test "$(docker image inspect --format '{{.Size}}' "$IMAGE")" ${test} ${bytes}` },
        expect: ["exit_code == 0"],
        confidence: 0.4,
        because: [target.text, "set IMAGE to the built image's name"],
      };
    },
  },
  {
    name: "docker-build",
    probe: "command",
    summary: "'Docker image builds' -> docker build . exits 0",
    examples: ["Docker image builds successfully"],
    propose(facts) {
      const pattern = /docker (?:image )?builds?\b|image builds?\b/i;
      if (!pattern.test(facts.text) || /automated/i.test(facts.text)) return null;
      return {
        config: { run: "docker build .", cwd: "repo", timeout: "15m" },
        expect: ["exit_code == 0"],
        confidence: 0.5,
        because: words(facts, pattern),
      };
    },
  },
];

function sizeFactor(unit: string): number {
  const power = { K: 1, M: 2, G: 3, T: 4 }[unit.charAt(0) as "K"] ?? 0;
  return (unit.includes("i") ? 1024 : 1000) ** power;
}
