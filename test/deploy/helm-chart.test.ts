import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";

// helm is not on this machine (no Debian package, no npm package ships it, and only the npm registry
// and Debian's packages are reachable), so the chart is checked without it: values every template
// reads exist, helpers are defined, blocks close, and each manifest's skeleton (template actions
// replaced by placeholders) is YAML of the expected kind. Where helm is on the PATH, `helm lint` and
// `helm template` run as well.

const CHART = fileURLToPath(new URL("../../deploy/helm/gonogo/", import.meta.url));
const run = promisify(execFile);
const HELM = await run("helm", ["version"]).then(
  () => true,
  () => false,
);

async function templates(): Promise<Record<string, string>> {
  const names = await readdir(`${CHART}templates`);
  const entries = await Promise.all(
    names.map(async (name) => [name, await readFile(`${CHART}templates/${name}`, "utf8")] as const),
  );
  return Object.fromEntries(entries);
}

async function values(): Promise<Record<string, unknown>> {
  return parseYaml(await readFile(`${CHART}values.yaml`, "utf8"));
}

/** The manifest with each `{{ ... }}` line dropped and each inline action replaced by a placeholder. */
function skeleton(text: string): unknown[] {
  const lines = text
    .split("\n")
    .filter((line) => !/^\s*\{\{-?.*-?\}\}\s*$/.test(line))
    .map((line) => line.replace(/\{\{-?.*?-?\}\}/g, "PLACEHOLDER"));
  return parseAllDocuments(lines.join("\n")).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS();
  });
}

function lookup(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
    root,
  );
}

describe("deploy/helm/gonogo", () => {
  it("is a v2 application chart whose appVersion is the package's version", async () => {
    const chart = parseYaml(await readFile(`${CHART}Chart.yaml`, "utf8"));
    const pkg = JSON.parse(
      await readFile(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8"),
    );
    expect(chart).toMatchObject({ apiVersion: "v2", name: "gonogo", type: "application" });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(chart.appVersion).toBe(pkg.version);
  });

  it("reads only values that values.yaml defines, and documents each top-level one", async () => {
    const all = Object.values(await templates()).join("\n");
    const defined = await values();
    const used = new Set(
      [...all.matchAll(/\.Values((?:\.[A-Za-z]\w*)+)/g)].map((match) => match[1] as string),
    );
    expect(used.size).toBeGreaterThan(15);
    for (const path of used)
      expect(lookup(defined, path.slice(1).split(".")), `.Values${path}`).not.toBeUndefined();
    const text = await readFile(`${CHART}values.yaml`, "utf8");
    for (const key of Object.keys(defined)) {
      const used = [...new Set([...all.matchAll(new RegExp(`\\.Values\\.${key}\\b`, "g"))])];
      expect(used.length, `values key ${key} is read by a template`).toBeGreaterThan(0);
      // A comment line right above the key (blank lines between are fine).
      const lines = text.split("\n");
      const at = lines.findIndex((line) => line.startsWith(`${key}:`));
      const above =
        lines
          .slice(0, at)
          .filter((line) => line.trim() !== "")
          .at(-1) ?? "";
      expect(above, `values key ${key} has a comment`).toMatch(/^#/);
    }
  });

  it("defines every helper it includes and closes every block it opens", async () => {
    const files = await templates();
    const all = Object.values(files).join("\n");
    const defined = new Set([...all.matchAll(/\{\{-?\s*define "([^"]+)"/g)].map((match) => match[1]));
    for (const [, name] of all.matchAll(/include "([^"]+)"/g)) expect(defined, name).toContain(name);
    for (const [file, text] of Object.entries(files)) {
      const opened = [...text.matchAll(/\{\{-?\s*(if|range|with|define)\b/g)].length;
      const closed = [...text.matchAll(/\{\{-?\s*end\s*-?\}\}/g)].length;
      expect(closed, file).toBe(opened);
      expect(text.split("{{").length, `${file}: {{ and }}`).toBe(text.split("}}").length);
    }
  });

  it("makes Deployments for serve and worker, a Service, a Secret, a ConfigMap and a ServiceMonitor", async () => {
    const files = await templates();
    const manifests = Object.entries(files)
      .filter(([name]) => name.endsWith(".yaml"))
      .map(([name, text]) => ({ name, doc: skeleton(text)[0] as Record<string, unknown> }));
    const kinds = manifests.map(({ doc }) => `${doc.apiVersion} ${doc.kind}`).sort();
    expect(kinds).toEqual(
      [
        "apps/v1 Deployment",
        "apps/v1 Deployment",
        "monitoring.coreos.com/v1 ServiceMonitor",
        "v1 ConfigMap",
        "v1 Secret",
        "v1 Service",
      ].sort(),
    );
    const serve = manifests.find(({ name }) => name === "deployment-serve.yaml")?.doc;
    const worker = manifests.find(({ name }) => name === "deployment-worker.yaml")?.doc;
    const at = (doc: unknown, path: string) => lookup(doc, path.split("."));
    expect(at(serve, "spec.template.spec.containers.0.args.0")).toBe("serve");
    expect(at(serve, "spec.template.spec.initContainers.0.args")).toEqual(["migrate"]);
    expect(at(worker, "spec.template.spec.containers.0.args.0")).toBe("worker");
    const secret = manifests.find(({ doc }) => doc.kind === "Secret")?.doc;
    expect(Object.keys(at(secret, "stringData") ?? {})).toContain("GONOGO_STORE");
    const monitor = manifests.find(({ doc }) => doc.kind === "ServiceMonitor")?.doc;
    expect(at(monitor, "spec.endpoints.0")).toMatchObject({ port: "http", path: "/metrics" });
    // Every gonogo container takes its environment (store URL, tokens) from the Secret.
    expect(files["_helpers.tpl"]).toMatch(
      /envFrom:\n\s+- secretRef:\n\s+name: \{\{ include "gonogo.secretName" \. \}\}/,
    );
  });

  it("probes /healthz for liveness and /readyz for readiness, with resources for both Deployments", async () => {
    const defined = await values();
    const at = (path: string) => lookup(defined, path.split("."));
    expect(at("serve.livenessProbe.httpGet")).toEqual({ path: "/healthz", port: "http" });
    expect(at("serve.readinessProbe.httpGet")).toEqual({ path: "/readyz", port: "http" });
    for (const part of ["serve", "worker"]) {
      expect(at(`${part}.resources.requests`), part).toMatchObject({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(at(`${part}.resources.limits.memory`), part).toEqual(expect.any(String));
    }
    expect(at("podSecurityContext")).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
  });

  it.runIf(HELM)("passes helm lint and helm template", async () => {
    const set = [
      "--set",
      "store.url=postgres://gonogo:pw@db:5432/gonogo",
      "--set",
      "serviceMonitor.enabled=true",
    ];
    await run("helm", ["lint", CHART, ...set]);
    const { stdout } = await run("helm", ["template", "gonogo", CHART, ...set]);
    const kinds = parseAllDocuments(stdout)
      .map((doc) => (doc.toJS() as { kind: string } | null)?.kind)
      .filter(Boolean);
    expect(kinds.sort()).toEqual([
      "ConfigMap",
      "Deployment",
      "Deployment",
      "Secret",
      "Service",
      "ServiceMonitor",
    ]);
  });
});
