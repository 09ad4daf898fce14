/**
 * Document shapes for the `status` bench: each writes a checklist of about `items` items in one
 * form a real checklist takes, so a slow path that only one form reaches shows up in the figures.
 * Deterministic, so runs compare (and so the JSON of two builds can be diffed byte for byte).
 */
import { makeChecklist } from "./make-checklist.js";

/** Every item states a target, 100 items to a section (issue 11: 1.3 s before the fix). */
function everyItemATarget(items) {
  const lines = ["# Service Level Targets", ""];
  for (let n = 0; n < items; n++) {
    if (n % 100 === 0) lines.push("", `## Endpoint group ${n / 100 + 1}`, "");
    lines.push(`- [${n % 4 === 0 ? "x" : " "}] item ${n} p95 < ${12 + (n % 50)}ms`);
  }
  return `${lines.join("\n")}\n`;
}

/** The issue's own line, word for word: 100 identical items to a section (ids get suffixes, lint flags repeats). */
function repeatedTargets(items) {
  const lines = ["# Service Level Targets", ""];
  for (let n = 0; n < items; n++) {
    if (n % 100 === 0) lines.push("", `## Endpoint group ${n / 100 + 1}`, "");
    lines.push("- [ ] item p95 < 12ms");
  }
  return `${lines.join("\n")}\n`;
}

/** Items nested 12 deep (an outline of sub-tasks), then back to the top; 48 items to a section. */
function deepNesting(items) {
  const lines = ["# Migration Runbook", ""];
  for (let n = 0; n < items; n++) {
    // Each section starts at the top: an item indented 4 spaces after a heading is a code block.
    if (n % 48 === 0) lines.push("", `## Phase ${n / 48 + 1}`, "");
    const depth = n % 12;
    lines.push(`${"  ".repeat(depth)}- [${depth % 3 === 0 ? "x" : " "}] Step ${n} at depth ${depth}`);
  }
  return `${lines.join("\n")}\n`;
}

const LONG_TEXT = [
  "Verify that the **payments** service rejects requests without a valid `Authorization` header,",
  "logs the attempt with the caller's address and request id, and that the",
  "[alerting runbook](https://example.com/runbooks/payments-auth) names the on-call rota;",
  "error rate stays under 0.5% and p99 latency below 800ms while the check runs",
].join(" ");

/** Long items (about 350 bytes: emphasis, code, a link, two targets), 25 to a section. */
function longItemTexts(items) {
  const lines = ["# Security and Reliability Review", ""];
  for (let n = 0; n < items; n++) {
    if (n % 25 === 0) lines.push("", `## Review area ${n / 25 + 1}`, "");
    lines.push(`- [${n % 2 === 0 ? "x" : " "}] (${n}) ${LONG_TEXT}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Many small sections (5 items each, under `###` headings) each closed by sign-off slots. */
function signoffSections(items) {
  const lines = ["# Launch Checklist", ""];
  for (let n = 0; n < items; n += 5) {
    const section = n / 5 + 1;
    if (section % 10 === 1) lines.push("", `## Area ${Math.ceil(section / 10)}`, "");
    lines.push("", `### ${section}. Component ${section}`, "");
    for (let k = n; k < Math.min(n + 5, items); k++) {
      lines.push(`- [${k % 3 === 0 ? "x" : " "}] Component ${section} check ${k - n + 1} passes`);
    }
    lines.push("", "**Sign-off:** ____ Date: ____", "", "- Engineering Lead: ____", "- Security Lead: ____");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * One `###` section per item, each item with a reference link and an inline one, the definition at
 * the end (2026-12-03: added after the seven above, not tuned on; reference definitions used to
 * make the whole document be parsed at once).
 */
function sectionPerItem(items) {
  const lines = ["# Launch", ""];
  for (let n = 0; n < items; n++) {
    lines.push(`### Check ${n}`, "");
    lines.push(
      `- [${n % 2 === 0 ? " " : "x"}] Item ${n} is verified by [the runbook][runbook] and [docs](https://example.com/d/${n})`,
      "",
    );
  }
  lines.push("[runbook]: https://example.com/runbook");
  return `${lines.join("\n")}\n`;
}

/** French items with accents, guillemets and emoji, 50 to a section (2026-12-03, added untuned). */
function nonAsciiText(items) {
  const lines = ["# Lancement — liste de contrôle ✅", ""];
  for (let n = 0; n < items; n++) {
    if (n % 50 === 0) lines.push("", `## Sécurité et fiabilité ${n / 50 + 1} 🚀`, "");
    lines.push(
      `- [${n % 3 === 0 ? "x" : " "}] Vérifier que le service « paiements » ${n} répond en moins de 300 ms — données chiffrées (AES‑256) ✅`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const STATUS = ["☐", "✅", "☐", "☑"];

/** Tables read as checklists (`| Check | Status | Priority |`), 100 rows to a table and section. */
function tableRows(items) {
  const lines = ["# Readiness Matrix", ""];
  for (let n = 0; n < items; n++) {
    if (n % 100 === 0) {
      lines.push("", `## Matrix ${n / 100 + 1}`, "", "| Check | Status | Priority |", "|---|---|---|");
    }
    lines.push(`| Control ${n} is enforced | ${STATUS[n % 4]} | ${n % 7 === 0 ? "Must" : "Should"} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** The shapes `npm run bench` measures, by name; `mixed` is the original bench document. */
export const SHAPES = {
  mixed: makeChecklist,
  targets: everyItemATarget,
  repeated: repeatedTargets,
  deep: deepNesting,
  long: longItemTexts,
  signoffs: signoffSections,
  tables: tableRows,
  sections: sectionPerItem,
  unicode: nonAsciiText,
};
