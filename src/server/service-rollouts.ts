import { basename, dirname, resolve } from "node:path";
import { decodeConfigText, parseConfig, readConfigBytes } from "../config/index.js";
import type { Service } from "./service-runs.js";

/**
 * The names a service's rollout goes by without reading a file: the service's own (the one the
 * controller gate endpoint, `/v1/gates/{rollout}`, answers for) and the one `gonogo rollout`
 * gives it by default (the folder of its gonogo.yml).
 */
export function rolloutNamesOf(service: Service): string[] {
  const folder = basename(dirname(resolve(service.configPath)));
  return [...new Set([service.name, folder])];
}

/**
 * Those names and the one its gonogo.yml gives in `rollout.name`, when the file reads (a page
 * must not fail because the config does not: the other names still link).
 */
export async function serviceRolloutNames(
  service: Service,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const names = rolloutNamesOf(service);
  try {
    const text = decodeConfigText(await readConfigBytes(service.configPath));
    const named = parseConfig(service.configPath, text, { env }).config.rollout?.name;
    return named === undefined ? names : [...new Set([...names, named])];
  } catch {
    return names;
  }
}

/** The service a rollout of this name belongs to, by the names above; null when none. */
export function serviceOfRollout(services: readonly Service[], rollout: string): string | null {
  return services.find((s) => rolloutNamesOf(s).includes(rollout))?.name ?? null;
}
