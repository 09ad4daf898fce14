// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are gonogo.yml ${VAR} placeholders, not JS templates
import { basename } from "node:path";
import type { Checklist } from "../checklist/index.js";
import { isLive, itemBinding, renderCheckBlocks } from "./check-blocks.js";
import { DEFAULT_TARGETS, resolveTargets, type TargetValues } from "./default-targets.js";
import type { ItemInference } from "./types.js";
import { comment, flow, key } from "./yaml-text.js";

export interface RenderOptions {
  available: ReadonlySet<string>;
  targets?: TargetValues;
  /** For waiver candidates' `until:`, one year from this day. */
  today?: Date;
}

/** The whole proposed gonogo.yml, commented, loadable as it is. */
export function renderConfig(
  checklist: Checklist,
  inferences: ItemInference[],
  options: RenderOptions,
): string {
  const checks = renderCheckBlocks(checklist, inferences, { available: options.available });
  const { live, review } = countProposals(inferences, options.available);
  const name = basename(checklist.source.path);
  const lines = [
    comment(`Proposed by \`gonogo init ${name}\`: ${live} of ${inferences.length} items have a check.`),
    ...(review > 0
      ? [
          comment(
            `${review} more item(s) have only a low-confidence proposal, commented out: review before enabling.`,
          ),
        ]
      : []),
    comment("Each check follows the inference for the item quoted above it (probe, confidence, the words"),
    comment("that led to it). Read them, fix what is wrong, then run `gonogo verify`."),
    "version: 1",
    "",
    ...renderTargets(resolveTargets(checks.targets, options.targets ?? {})),
    "",
    checks.written > 0 ? "checks:" : "checks: {}",
    ...checks.lines,
    "",
    ...renderManual(checklist, inferences, options.available),
    ...renderWaivers(checklist, inferences, options.today ?? new Date()),
  ];
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/** Items with a live check, and items whose proposals are all written commented out (guesses, missing probes). */
export function countProposals(
  inferences: ItemInference[],
  available: ReadonlySet<string>,
): { live: number; review: number } {
  const live = inferences.filter((i) => i.proposals.some((p) => isLive(p, available))).length;
  const proposed = inferences.filter((i) => i.proposals.length > 0).length;
  return { live, review: proposed - live };
}

export function renderTargets(targets: TargetValues): string[] {
  const names = Object.keys(targets);
  if (names.length === 0) return ["targets: {}"];
  const lines = [
    "targets:",
    comment(
      "${VAR:-default}: set VAR (or write the value here); the default lets the file load as it is.",
      "  ",
    ),
  ];
  for (const name of names) {
    const about = DEFAULT_TARGETS[name]?.about;
    lines.push(`  ${key(name)}: ${flow(targets[name])}${about ? `  # ${about}` : ""}`);
  }
  return lines;
}

/** Items no rule could automate, grouped by section; a parent with children is left to them. */
function renderManual(
  checklist: Checklist,
  inferences: ItemInference[],
  available: ReadonlySet<string>,
): string[] {
  const sections = new Map(checklist.sections.map((s) => [s.id, s.title]));
  const manual = inferences.filter(
    (i) => i.proposals.length === 0 && i.waiverReason === null && i.item.children.length === 0,
  );
  if (manual.length === 0) return ["manual: []", ""];
  const lines = [
    "manual:",
    comment("Only a person can vouch for these: `gonogo attest` records who and until when.", "  "),
  ];
  let section: string | null | undefined;
  for (const { item, manualReason } of manual) {
    if (item.section !== section) {
      section = item.section;
      lines.push(comment(`## ${section ? sections.get(section) : "(before the first heading)"}`, "  "));
    }
    const why = manualReason && !manualReason.startsWith("a person's job") ? `  # ${manualReason}` : "";
    lines.push(`  - ${flow(itemBinding(checklist, item))}${why.replace(/[\r\n]+/g, " ")}`);
  }
  const skipped = inferences.filter(
    (i) => i.proposals.length > 0 && !i.proposals.some((p) => isLive(p, available)),
  );
  if (skipped.length > 0)
    lines.push(
      comment(
        `${skipped.length} item(s) have only commented-out checks (a guess to review, or a probe this gonogo lacks).`,
        "  ",
      ),
    );
  return [...lines, ""];
}

/** "(if using K8s)" items: proposed waivers, commented out, for a person to approve. */
function renderWaivers(checklist: Checklist, inferences: ItemInference[], today: Date): string[] {
  const candidates = inferences.filter((i) => i.waiverReason !== null);
  if (candidates.length === 0) return [];
  const until = new Date(today.getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
  const lines = [
    comment(
      "Waiver candidates: items that apply only in some setups. Uncomment those that do not apply here,",
    ),
    comment("and name who approved it (a waived item leaves every denominator)."),
    "# waivers:",
  ];
  for (const { item, waiverReason } of candidates) {
    const waiver = { item: itemBinding(checklist, item), reason: waiverReason, by: "TODO: approver", until };
    lines.push(`#   - ${flow(waiver)}`);
  }
  return lines;
}
