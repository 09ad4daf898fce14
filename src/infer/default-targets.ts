// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are gonogo.yml ${VAR} placeholders, not JS templates
import { GonogoError } from "../core/errors.js";

/**
 * The targets proposals point at, with placeholders that let the file load as it is: a variable
 * with a local default (`${API_URL:-http://127.0.0.1:8080}`), so `API_URL=https://... gonogo verify`
 * works without editing, and `--target api=https://...` writes the URL itself.
 */
export const DEFAULT_TARGETS: Readonly<Record<string, { url?: string; path?: string; about: string }>> = {
  api: {
    url: "${API_URL:-http://127.0.0.1:8080}",
    about: "the service under test (http, tls, metrics, load, burst)",
  },
  prom: { url: "${PROMETHEUS_URL:-http://127.0.0.1:9090}", about: "the Prometheus server (promql)" },
  db: { url: "${DATABASE_URL:-postgres://127.0.0.1:5432/app}", about: "the database (sql)" },
  cache: { url: "${REDIS_URL:-redis://127.0.0.1:6379/0}", about: "Redis (redis)" },
  repo: { path: ".", about: "the repository, relative to this file (files, Dockerfile, commands, coverage)" },
};

export type TargetValues = Record<string, { url?: string; path?: string }>;

/** `--target api=http://127.0.0.1:3000` and `--target repo=../app` as target values. */
export function parseTargetOptions(options: string[]): TargetValues {
  const values: TargetValues = {};
  for (const option of options) {
    const match = /^([A-Za-z_][\w-]*)=(.+)$/.exec(option);
    if (!match?.[1] || !match[2]) {
      throw new GonogoError(
        "usage",
        `--target ${option}: write name=url, e.g. --target api=http://127.0.0.1:8080`,
      );
    }
    const [, name, value] = match;
    const isUrl = /^[a-z][\w+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);
    const wantsPath = DEFAULT_TARGETS[name]?.path !== undefined;
    values[name] = isUrl && !wantsPath ? { url: value } : { path: value };
  }
  return values;
}

/** The targets block: every name the checks use, given values first, then the placeholders. */
export function resolveTargets(used: Iterable<string>, given: TargetValues): TargetValues {
  const targets: TargetValues = {};
  for (const name of [...new Set([...used, ...Object.keys(given)])]) {
    const fallback = DEFAULT_TARGETS[name];
    targets[name] =
      given[name] ?? (fallback?.path !== undefined ? { path: fallback.path } : { url: fallback?.url ?? "" });
  }
  return targets;
}
