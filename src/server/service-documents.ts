import { type Checklist, type Item, loadChecklist, type Section } from "../checklist/index.js";
import { decodeConfigText, parseConfig, readConfigBytes } from "../config/index.js";
import { GonogoError } from "../core/errors.js";
import { closestItems, compileItemSpec } from "../engine/match-items.js";
import { bindSignoffGates } from "../verdict/signoff-gates.js";
import { sectionItemIds } from "../verdict/signoffs.js";
import { refreshForRead } from "./git-source.js";
import type { Service } from "./service-runs.js";

/** A section `gates.signoffs` names, and the roles that must sign it off. */
export interface SignoffGate {
  section: Section;
  roles: string[];
}

/** A service's checklist and its sign-off gates, as the server's copy of its files says now. */
export interface ServiceDocuments {
  checklist: Checklist;
  gates: SignoffGate[];
}

/**
 * Reads a service's checklist and gonogo.yml (with the server's environment for `${VAR}`): what
 * the API resolves a section or an item against, and which sign-off roles each section requires.
 */
export async function loadServiceDocuments(
  service: Service,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ServiceDocuments> {
  await refreshServiceFiles(service);
  const checklist = await loadChecklist(service.checklistPath);
  const text = decodeConfigText(await readConfigBytes(service.configPath));
  const loaded = parseConfig(service.configPath, text, { env });
  const gates = bindSignoffGates(checklist, loaded.config, service.configPath);
  return { checklist, gates: gates.map(({ section, roles }) => ({ section, roles })) };
}

/** Before reading a service's files: a service from a repository fetches again when its checkout is stale. */
export async function refreshServiceFiles(service: Service): Promise<void> {
  if (service.git) await refreshForRead(service.name, service.git);
}

/**
 * The one item `spec` names (its id or its text; a /regex/ matching exactly one): 404 with the
 * closest items when none does, 400 when several do, for an API request speaks for one item.
 */
export function findServiceItem(service: Service, checklist: Checklist, spec: string): Item {
  const matcher = compileItemSpec(spec, checklist.items);
  if ("error" in matcher) throw new GonogoError("usage", `${JSON.stringify(spec)} is ${matcher.error}`);
  const items = checklist.items.filter(matcher);
  const [item, ...others] = items;
  if (item === undefined) {
    const closest = closestItems(checklist, spec).join(", ");
    throw new GonogoError("not-found", `no item ${JSON.stringify(spec)} in ${service.name}'s checklist`, [
      `closest: ${closest || "(the checklist has no items)"}`,
    ]);
  }
  if (others.length > 0)
    throw new GonogoError(
      "usage",
      `${JSON.stringify(spec)} names ${items.length} items (${items.map((i) => i.id).join(", ")}); name one by its id`,
    );
  return item;
}

/** The sign-off roles that answer for an item: those of every gated section it is in (subsections included). */
export function rolesForItem(documents: ServiceDocuments, item: Pick<Item, "id">): string[] {
  const { checklist, gates } = documents;
  const roles = gates.flatMap((gate) =>
    sectionItemIds(checklist.sections, checklist.items, gate.section.id).includes(item.id) ? gate.roles : [],
  );
  return [...new Set(roles)];
}
