import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

// No Docker engine runs here, so `docker compose config` cannot be tried: the file is parsed as
// compose does (YAML with merge keys) and its services, images, health checks and dependencies checked.

const DEPLOY = fileURLToPath(new URL("../../deploy/", import.meta.url));

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}

async function compose(): Promise<{
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}> {
  return parseYaml(await readFile(`${DEPLOY}compose.yaml`, "utf8"), { merge: true });
}

describe("deploy/compose.yaml", () => {
  it("runs the server, two workers, Postgres, Prometheus and Grafana, and migrates first", async () => {
    const { services } = await compose();
    expect(Object.keys(services).sort()).toEqual(
      ["grafana", "migrate", "postgres", "prometheus", "server", "worker-1", "worker-2"].sort(),
    );
    expect(services.server?.command?.slice(0, 1)).toEqual(["serve"]);
    expect(services.server?.command).toContain("0.0.0.0");
    expect(services["worker-1"]?.command).toEqual(["worker"]);
    expect(services["worker-2"]?.command).toEqual(["worker"]);
    expect(services.migrate?.command).toEqual(["migrate"]);
    for (const name of ["server", "worker-1", "worker-2", "migrate"]) {
      const service = services[name] as ComposeService;
      expect(service.build, name).toEqual({ context: "..", dockerfile: "Dockerfile" });
      expect(service.environment?.GONOGO_STORE, name).toMatch(
        /^postgres:\/\/gonogo:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/gonogo$/,
      );
    }
  });

  it("pins every image to a version, never latest", async () => {
    const { services } = await compose();
    for (const [name, service] of Object.entries(services)) {
      expect(service.image, name).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(service.image, name).not.toMatch(/:latest$/);
    }
  });

  it("gives every long-running service with an endpoint a health check, and waits on it", async () => {
    const { services } = await compose();
    const checked = Object.entries(services).filter(([, service]) => service.healthcheck?.test);
    expect(checked.map(([name]) => name).sort()).toEqual(["grafana", "postgres", "prometheus", "server"]);
    expect(services.server?.healthcheck?.test?.join(" ")).toContain("http://127.0.0.1:8080/readyz");
    // The workers and the one-shot migration serve no HTTP: their health checks are off on purpose.
    for (const name of ["worker-1", "worker-2", "migrate"])
      expect(services[name]?.healthcheck).toEqual({ disable: true });
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        if (condition === "service_healthy")
          expect(services[dependency]?.healthcheck?.test, dependency).toBeDefined();
        else expect(condition, `${name} → ${dependency}`).toBe("service_completed_successfully");
      }
    }
    expect(Object.keys(services.server?.depends_on ?? {}).sort()).toEqual(["migrate", "postgres"]);
    expect(Object.keys(services["worker-1"]?.depends_on ?? {}).sort()).toEqual(["migrate", "postgres"]);
  });

  it("mounts files that exist beside it, and the alert rules and dashboard at their agreed paths", async () => {
    const { services, volumes } = await compose();
    const mounts = Object.values(services).flatMap((service) => service.volumes ?? []);
    const files = mounts
      .filter((mount) => mount.startsWith("./"))
      .map((mount) => mount.split(":")[0] as string);
    expect(files).toEqual(
      expect.arrayContaining([
        "./prometheus/alerts.yml",
        "./grafana/gonogo-dashboard.json",
        "./prometheus/prometheus.yml",
      ]),
    );
    // alerts.yml and the dashboard come with the monitoring change; every other file is here.
    const ours = files.filter(
      (file) => !["./prometheus/alerts.yml", "./grafana/gonogo-dashboard.json"].includes(file),
    );
    for (const file of ours) expect(existsSync(`${DEPLOY}${file}`), file).toBe(true);
    for (const named of mounts.filter((mount) => !mount.startsWith("./")).map((mount) => mount.split(":")[0]))
      expect(Object.keys(volumes), `volume ${named}`).toContain(named);
  });

  it("has Prometheus scrape the server service and load alerts.yml", async () => {
    const prometheus = parseYaml(await readFile(`${DEPLOY}prometheus/prometheus.yml`, "utf8"));
    expect(prometheus.rule_files).toEqual(["/etc/prometheus/alerts.yml"]);
    expect(prometheus.scrape_configs[0].static_configs[0].targets).toEqual(["server:8080"]);
    expect(prometheus.scrape_configs[0].metrics_path).toBe("/metrics");
  });
});
