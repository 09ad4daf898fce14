import { type Item, itemsAtLevel, itemsTagged } from "../checklist/index.js";
import type { CheckResult } from "../core/check-result.js";
import { GonogoError } from "../core/errors.js";
import { errorResult } from "../engine/error-result.js";
import { findSections } from "../engine/match-items.js";
import type { Plan, PlannedCheck } from "../engine/plan.js";
import { sectionItemIds } from "../verdict/signoffs.js";

/**
 * Which items to verify: those carrying one of `tags` (the document's own or gonogo.yml's; a
 * `level:B` takes the rungs below it on a cumulative ladder) or under one of `sections` (a title
 * or an id, subsections included). Absent or empty: every item.
 */
export interface ItemSelection {
  tags?: string[];
  sections?: string[];
}

export interface SelectedChecks {
  /** The checks bound to at least one selected item. */
  checks: PlannedCheck[];
  /** Every other check, as a result saying it did not run. */
  skipped: CheckResult[];
  /** The selection in words, for the gate that says the run did not cover everything. */
  description: string;
}

/**
 * Narrows the run to the checks of the selected items. A tag or section that selects nothing is a
 * usage error (exit 2): a typo would otherwise verify nothing and look like a result.
 */
export function selectChecks(plan: Plan, selection: ItemSelection): SelectedChecks {
  const { checklist } = plan;
  const tagsOf = (item: Item) => plan.itemTags.get(item.id) ?? [];
  const problems: string[] = [];
  const selected = new Set<string>();
  for (const tag of selection.tags ?? []) {
    const items = /^level:/i.test(tag.trim())
      ? itemsAtLevel(checklist.items, checklist.levelLadder, tag, tagsOf)
      : itemsTagged(checklist.items, tag, tagsOf);
    if (items.length === 0) problems.push(`tag "${tag}": no item in ${checklist.source.path} carries it`);
    for (const item of items) selected.add(item.id);
  }
  for (const name of selection.sections ?? []) {
    const sections = findSections(checklist, name);
    if (sections.length === 0) problems.push(`section "${name}": not in ${checklist.source.path}`);
    for (const section of sections)
      for (const id of sectionItemIds(checklist.sections, checklist.items, section.id)) selected.add(id);
  }
  if (problems.length > 0)
    throw new GonogoError("usage", "the selection names items that are not there", problems);
  const chosen = (check: PlannedCheck) => check.itemIds.some((id) => selected.has(id));
  const description = describeSelection(selection);
  return {
    checks: plan.checks.filter(chosen),
    skipped: plan.checks.filter((check) => !chosen(check)).map((check) => notSelected(check, description)),
    description,
  };
}

/** True when the selection names something; an empty one selects every item. */
export function selectsSome(selection: ItemSelection | undefined): selection is ItemSelection {
  return (selection?.tags?.length ?? 0) + (selection?.sections?.length ?? 0) > 0;
}

function describeSelection(selection: ItemSelection): string {
  const quote = (names: string[] | undefined) => (names ?? []).map((n) => `"${n}"`).join(", ");
  const parts = [
    ...(selection.tags?.length ? [`tagged ${quote(selection.tags)}`] : []),
    ...(selection.sections?.length ? [`in ${quote(selection.sections)}`] : []),
  ];
  return `the items ${parts.join(" or ")}`;
}

function notSelected(check: PlannedCheck, description: string): CheckResult {
  return errorResult(check, `not run: only the checks of ${description} ran`);
}
