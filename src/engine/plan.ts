import {
  type Checklist,
  type Item,
  itemsAtLevel,
  itemsTagged,
  knownTags,
  type Section,
} from "../checklist/index.js";
import type { CheckDefinition, LoadedConfig, Waiver } from "../config/index.js";
import { GonogoError } from "../core/errors.js";
import { createRedactor } from "../redact/create-redactor.js";
import { closestItems, compileItemSpec, findSections } from "./match-items.js";

export interface PlannedCheck extends CheckDefinition {
  itemIds: string[];
}

export interface SectionGate {
  name: string;
  section: Section;
  requiredPct: number;
}

/** A gate on the items of a level (`gates.level`) or a tag (`gates.tags`). */
export interface TagGate {
  name: string;
  itemIds: string[];
  requiredPct: number;
}

/** The checks bound to the checklist's items, with manual items, waivers and gates resolved. */
export interface Plan {
  checklist: Checklist;
  config: LoadedConfig;
  checks: PlannedCheck[];
  manual: Set<string>;
  waivers: Map<string, Waiver & { expired: boolean }>;
  critical: Set<string>;
  sectionGates: SectionGate[];
  /** Each item's tags: the document's own and those gonogo.yml's `tags` gives it. */
  itemTags: Map<string, string[]>;
  tagGates: TagGate[];
}

/** Binds every check, manual entry, waiver and gate to the checklist; all binding errors at once (exit 2). */
export function bindPlan(checklist: Checklist, loaded: LoadedConfig, today: Date = new Date()): Plan {
  const problems: string[] = [];
  const file = checklist.source.path;
  const resolve = (spec: string, where: string): Item[] => {
    const matcher = compileItemSpec(spec, checklist.items);
    if ("error" in matcher) {
      problems.push(`${where}: ${JSON.stringify(spec)} is ${matcher.error}`);
      return [];
    }
    const items = checklist.items.filter(matcher);
    if (items.length === 0) {
      const closest = closestItems(checklist, spec).join(", ");
      problems.push(
        `${where}: ${JSON.stringify(spec)} matches no item in ${file}; closest: ${closest || "(the checklist has no items)"}`,
      );
    }
    return items;
  };
  const { config } = loaded;
  const checks = loaded.checks.map((check) => {
    const where = `${loaded.locate(["checks", check.id, "item"])} checks.${check.id}.item`;
    // Two specs may name the same item ("alpha", "/^alpha$/"): it is bound once.
    const itemIds = new Set(check.itemSpecs.flatMap((spec) => resolve(spec, where)).map((i) => i.id));
    return { ...check, itemIds: [...itemIds] };
  });
  const manual = new Set(
    config.manual
      .flatMap((spec, i) => resolve(spec, `${loaded.locate(["manual", i])} manual[${i}]`))
      .map((i) => i.id),
  );
  const waivers = new Map<string, Waiver & { expired: boolean }>();
  config.waivers.forEach((waiver, i) => {
    const expired = Date.parse(`${waiver.until}T23:59:59.999Z`) < today.getTime();
    for (const item of resolve(waiver.item, `${loaded.locate(["waivers", i])} waivers[${i}].item`)) {
      waivers.set(item.id, { ...waiver, expired });
    }
  });
  const critical = new Set(
    (config.gates.critical ?? [])
      .flatMap((spec, i) => resolve(spec, `${loaded.locate(["gates", "critical", i])} gates.critical[${i}]`))
      .map((i) => i.id),
  );
  const sectionGates: SectionGate[] = [];
  for (const [name, requiredPct] of Object.entries(config.gates.sections ?? {})) {
    const where = `${loaded.locate(["gates", "sections"], name)} gates.sections`;
    const [section, ...others] = findSections(checklist, name);
    if (section && others.length === 0) sectionGates.push({ name, section, requiredPct });
    else if (section) {
      const ids = [section, ...others].map((s) => s.id).join(", ");
      problems.push(`${where}: "${name}" names several sections (${ids}); use the section id`);
    } else {
      const titles = checklist.sections
        .map((s) => `"${s.title}"`)
        .slice(0, 8)
        .join(", ");
      problems.push(`${where}: no section "${name}" in ${file} (sections: ${titles})`);
    }
  }
  const itemTags = new Map(checklist.items.map((item) => [item.id, [...item.tags]]));
  for (const [tag, specs] of Object.entries(config.tags)) {
    specs.forEach((spec, i) => {
      for (const item of resolve(spec, `${loaded.locate(["tags", tag, i])} tags.${tag}[${i}]`)) {
        const tags = itemTags.get(item.id) ?? [];
        if (!tags.includes(tag)) tags.push(tag);
      }
    });
  }
  const tagsOf = (item: Item) => itemTags.get(item.id) ?? [];
  const tagGate = (name: string, items: Item[], requiredPct: number, where: string): TagGate[] => {
    if (items.length > 0) return [{ name, itemIds: items.map((i) => i.id), requiredPct }];
    const known = knownTags(checklist.items, checklist.levelLadder, tagsOf).slice(0, 12).join(", ");
    problems.push(`${where}: no item in ${file} is tagged for ${name} (tags: ${known || "none"})`);
    return [];
  };
  const level = config.gates.level;
  const tagGates = [
    ...(level === undefined
      ? []
      : tagGate(
          `level ${level}`,
          itemsAtLevel(checklist.items, checklist.levelLadder, level, tagsOf),
          100,
          `${loaded.locate(["gates", "level"])} gates.level`,
        )),
    ...Object.entries(config.gates.tags ?? {}).flatMap(([tag, pct]) =>
      tagGate(
        `tag "${tag}"`,
        itemsTagged(checklist.items, tag, tagsOf),
        pct,
        `${loaded.locate(["gates", "tags"], tag)} gates.tags`,
      ),
    ),
  ];
  if (problems.length > 0) {
    const redact = createRedactor(loaded.secrets);
    throw new GonogoError(
      "config",
      `${loaded.path}: ${problems.length === 1 ? "1 binding does" : `${problems.length} bindings do`} not fit ${file}`,
      redact(problems),
    );
  }
  return { checklist, config: loaded, checks, manual, waivers, critical, sectionGates, itemTags, tagGates };
}
