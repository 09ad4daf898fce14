import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { describeAt, describeZodIssues } from "../config/issues.js";
import { parseYamlSource } from "../config/yaml-source.js";
import { GonogoError } from "../core/errors.js";
import { describeFsFailure, readFailureKind } from "../core/fs-failure.js";
import { DEFAULT_JOB_SETTINGS, type JobSettings } from "../jobs/job-settings.js";
import { type Schedule, scheduleProblem } from "../jobs/schedule.js";
import {
  type NotificationsConfig,
  notificationsSchema,
  toNotificationsConfig,
  unknownChannels,
} from "../notify/index.js";
import { type AuthConfig, authConfigSchema, toAuthConfig } from "./auth-config.js";
import type { GitSource } from "./git-source.js";

/** The file `gonogo serve` reads when `--config` is not given, in the current folder. */
export const SERVER_CONFIG_FILE = "gonogo-server.yml";

/** A name that sits in a URL path as it is: `/api/v1/checklists/orders-api`. */
const serviceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' and '-' only (it is part of URLs)");

/** A duration in the server config: `500ms`, `30s`, `15m`, `1h`. */
const duration = z
  .string()
  .regex(/^\d+(?:\.\d+)?(?:ms|s|m|h)$/, 'a duration such as "500ms", "30s", "15m" or "1h"')
  .transform(durationMs);

/** `git: { url, ref }`: the service's files come from this repository at this ref (`checklist:` relative to its root). */
const gitSchema = z.strictObject({
  url: z
    .string()
    .min(1)
    .refine((url) => !url.startsWith("-"), "a repository URL or path, not an option"),
  ref: z
    .string()
    .regex(
      /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/,
      "a branch, tag or commit (letters, digits, '_', '.', '/', '-')",
    ),
  /** How often reads (API, dashboard) fetch again; each verification fetches anyway. Default 60s. */
  refresh: duration.optional(),
});

const serviceSchema = z
  .strictObject({
    name: serviceName,
    checklist: z.string().min(1),
    git: gitSchema.optional(),
    /** gonogo.yml; default: beside the checklist. */
    config: z.string().min(1).optional(),
    /** The team that owns the service. */
    owner: z.string().min(1).optional(),
    /** Run `command` and `k6` checks on the server (off: they are errors saying so). */
    allow_commands: z.boolean().default(false),
    /** Let checks reach link-local addresses, cloud metadata among them (off: refused). */
    allow_link_local: z.boolean().default(false),
    /** Channels this service notifies besides its owner's (`notifications.owners`). */
    notify: z.array(z.string().min(1)).default([]),
    /** Re-verify on this cron expression (`*\/5 * * * *`: every 5 minutes); none: only when asked. */
    schedule: z.string().min(1).optional(),
    /** The time zone `schedule` is read in (IANA name); default UTC. */
    timezone: z.string().min(1).optional(),
  })
  .superRefine((service, ctx) => {
    if (service.schedule === undefined) {
      if (service.timezone !== undefined)
        ctx.addIssue({ code: "custom", path: ["timezone"], message: "a time zone without a schedule" });
      return;
    }
    const problem = scheduleProblem({ cron: service.schedule, timezone: service.timezone ?? "UTC" });
    if (problem !== null)
      ctx.addIssue({
        code: "custom",
        path: [problem.includes("time zone") ? "timezone" : "schedule"],
        message: problem,
      });
  });

/** How jobs run (src/jobs/); every key has a default fit for production. */
const jobsSchema = z.strictObject({
  poll_interval: duration.optional(),
  lease: duration.optional(),
  supervise_interval: duration.optional(),
  retries: z.number().int().min(0).max(20).optional(),
  shutdown_grace: duration.optional(),
  max_jitter: duration.optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
});

const serverConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  services: z.array(serviceSchema).default([]),
  notifications: notificationsSchema.optional(),
  auth: authConfigSchema.optional(),
  jobs: jobsSchema.default({}),
});

function durationMs(text: string): number {
  const [, value, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text) ?? [];
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"];
  return Math.round(Number(value) * scale);
}

/** A service the server verifies and reports on, its paths absolute. */
export interface ServiceConfig {
  name: string;
  owner: string | null;
  checklistPath: string;
  configPath: string;
  allowCommands: boolean;
  allowLinkLocal: boolean;
  /** Channels named in its `notify:`; its owner's come from `notifications.owners`. */
  notify: string[];
  /** When the server re-verifies it by itself; null: only when asked. */
  schedule: Schedule | null;
  /** The repository its files come from; null: they are on the server's disk. */
  git: GitSource | null;
}

export interface ServerConfig {
  /** The server config file; relative paths in it resolve against its folder. */
  path: string;
  /** The embedded store when none is named: `.gonogo/gonogo.db` beside the server config. */
  defaultStore: string;
  services: ServiceConfig[];
  notifications: NotificationsConfig;
  /** Browser sign-in: sessions, and the reverse proxy trusted to name people (`auth:`). */
  auth: AuthConfig;
  jobs: JobSettings;
}

/** How to start, for a message when there is no server config. */
export const SERVER_CONFIG_EXAMPLE = [
  `write ${SERVER_CONFIG_FILE} (or name one with --config), for instance:`,
  "  services:",
  "    - name: orders-api",
  "      checklist: orders/LAUNCH.md        # relative to this file",
  "      owner: payments-team              # config: orders/gonogo.yml by default",
];

/** Reads and validates a server config; every problem at once, each with its file:line (exit 2). */
export async function loadServerConfig(path: string): Promise<ServerConfig> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    const why = error.code === "ENOENT" ? "no such file" : describeFsFailure(error);
    throw new GonogoError(
      readFailureKind(error, "config"),
      `${path}: cannot read the server config: ${why}`,
      error.code === "ENOENT" ? SERVER_CONFIG_EXAMPLE : [],
      { cause: error },
    );
  });
  return parseServerConfig(path, text);
}

/** The server config from text already read; `path` is where it came from. */
export function parseServerConfig(path: string, text: string): ServerConfig {
  const source = parseYamlSource(path, text);
  const parsed = serverConfigSchema.safeParse(source.data ?? {});
  const problems = parsed.success ? [] : describeZodIssues(source, [], parsed.error);
  const seen = new Set<string>();
  for (const [index, service] of (parsed.data?.services ?? []).entries()) {
    if (seen.has(service.name))
      problems.push(describeAt(source, ["services", index], `"${service.name}" is named twice`, "name"));
    seen.add(service.name);
    if (service.schedule === undefined && service.timezone !== undefined)
      problems.push(describeAt(source, ["services", index], "a time zone without a schedule", "timezone"));
    const problem = service.schedule
      ? scheduleProblem({ cron: service.schedule, timezone: service.timezone ?? "UTC" })
      : null;
    if (problem !== null)
      problems.push(
        describeAt(
          source,
          ["services", index],
          problem,
          problem.includes("time zone") ? "timezone" : "schedule",
        ),
      );
  }
  for (const [index, service] of (parsed.data?.services ?? []).entries())
    for (const key of ["checklist", "config"] as const) {
      const path = service[key];
      if (service.git && path !== undefined && !insideRepository(path))
        problems.push(
          describeAt(source, ["services", index], `${key}: must be a path inside the git repository`, key),
        );
    }
  if (parsed.success)
    for (const { path, message } of unknownChannels(parsed.data.notifications, parsed.data.services))
      problems.push(describeAt(source, path, message));
  if (!parsed.success || problems.length > 0)
    throw new GonogoError(
      "config",
      `${path}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the server config`,
      problems,
    );
  const folder = dirname(resolve(path));
  return {
    path,
    defaultStore: join(folder, ".gonogo", "gonogo.db"),
    auth: toAuthConfig(parsed.data.auth),
    services: parsed.data.services.map((service) => {
      const git = gitSourceOf(folder, service);
      const root = git?.checkout ?? folder;
      const checklistPath = resolve(root, service.checklist);
      return {
        name: service.name,
        owner: service.owner ?? null,
        checklistPath,
        configPath: service.config
          ? resolve(root, service.config)
          : join(dirname(checklistPath), "gonogo.yml"),
        git,
        allowCommands: service.allow_commands,
        allowLinkLocal: service.allow_link_local,
        notify: service.notify,
        schedule: service.schedule ? { cron: service.schedule, timezone: service.timezone ?? "UTC" } : null,
      };
    }),
    notifications: toNotificationsConfig(parsed.data.notifications),
    jobs: jobSettings(parsed.data.jobs),
  };
}

/** A path relative to a repository's root that stays in it (`docs/LAUNCH.md`, not `../x` or `/etc/x`). */
function insideRepository(path: string): boolean {
  const parts = path.split(/[\\/]+/);
  return !isAbsolute(path) && !parts.includes("..");
}

function gitSourceOf(folder: string, service: z.output<typeof serviceSchema>): GitSource | null {
  if (!service.git) return null;
  return {
    // A local path (no `scheme://`, not scp-like `host:path`) is relative to the server config, as `checklist:` is.
    url: /^[^/]*:/.test(service.git.url) ? service.git.url : resolve(folder, service.git.url),
    ref: service.git.ref,
    checkout: join(folder, ".gonogo", "repos", service.name),
    refreshMs: service.git.refresh ?? 60_000,
  };
}

function jobSettings(jobs: z.output<typeof jobsSchema>): JobSettings {
  const d = DEFAULT_JOB_SETTINGS;
  return {
    pollMs: Math.max(500, jobs.poll_interval ?? d.pollMs),
    leaseMs: Math.max(1000, jobs.lease ?? d.leaseMs),
    superviseMs: Math.max(1000, jobs.supervise_interval ?? d.superviseMs),
    retries: jobs.retries ?? d.retries,
    shutdownGraceMs: jobs.shutdown_grace ?? d.shutdownGraceMs,
    maxJitterMs: jobs.max_jitter ?? d.maxJitterMs,
    concurrency: jobs.concurrency ?? d.concurrency,
  };
}
