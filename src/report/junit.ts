import type { JsonGate, JsonItem, JsonReport } from "../model/report.js";
import { evidenceBlock, firstFailure, WAIVED_OVER_FAILURE } from "./evidence.js";
import { gateOutcome, gateTally, type ReportVerdict, reportVerdict } from "./gate-tally.js";
import { checklistName, itemChildren, sectionTitlePath } from "./outline.js";
import { UNVERIFIED_REASON } from "./status-marks.js";
import { escapeXmlAttribute as attr, escapeXmlText as text } from "./xml-escape.js";

interface TestCase {
  xml: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
  seconds: number;
}

const LOOSE_SUITE = "(before the first heading)";

function seconds(value: number): string {
  return value.toFixed(3);
}

/** The headline and the evidence lines of a fail or error; a parent with no check points at its items. */
function failureBody(item: JsonItem, children: JsonItem[]): { message: string; body: string } {
  const body = evidenceBlock(item.checks);
  const headline = firstFailure(item.checks);
  if (headline !== undefined || children.length === 0) {
    return { message: headline ?? "no check result recorded", body: body.join("\n") };
  }
  const notReady = children.flatMap((child) =>
    child.status === "fail" || child.status === "error"
      ? [`${child.status}: ${child.text} (line ${child.line})`]
      : [],
  );
  return { message: "decided by the items under it", body: [...body, ...notReady].join("\n") };
}

function itemCase(report: JsonReport, item: JsonItem, children: JsonItem[], classname: string): TestCase {
  const { status } = item;
  const time = item.checks.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
  const open = `<testcase name="${attr(item.text)}" classname="${attr(classname)}" file="${attr(report.checklist.path)}" line="${item.line}" time="${seconds(time)}"`;
  const outcome = { failure: status === "fail", error: status === "error", skipped: false, seconds: time };
  if (status === "fail" || status === "error") {
    const element = status === "fail" ? "failure" : "error";
    const { message, body } = failureBody(item, children);
    const head = `<${element} message="${attr(message)}" type="${status}"`;
    const inner = body === "" ? `${head}/>` : `${head}>${text(body)}</${element}>`;
    return { ...outcome, xml: `${open}>\n      ${inner}\n    </testcase>` };
  }
  if (status === "claimed" || status === "open" || status === "waived") {
    const failure = status === "waived" ? firstFailure(item.checks) : undefined;
    const message = failure ? `${WAIVED_OVER_FAILURE}: ${failure}` : UNVERIFIED_REASON[status];
    const skipped = `<skipped message="${attr(message)}"/>`;
    return { ...outcome, skipped: true, xml: `${open}>\n      ${skipped}\n    </testcase>` };
  }
  return { ...outcome, xml: `${open}/>` };
}

function gateCase(gate: JsonGate): TestCase {
  const open = `<testcase name="${attr(gate.name)}" classname="gonogo gates" time="0.000"`;
  const outcome = { failure: !gate.ok, error: false, skipped: false, seconds: 0 };
  if (gate.ok) return { ...outcome, xml: `${open}/>` };
  const message = gateOutcome(gate);
  return {
    ...outcome,
    xml: `${open}>\n      <failure message="${attr(message)}" type="gate"/>\n    </testcase>`,
  };
}

function counts(cases: TestCase[]) {
  const count = (key: "failure" | "error" | "skipped") => cases.filter((c) => c[key]).length;
  const time = cases.reduce((sum, c) => sum + c.seconds, 0);
  return `tests="${cases.length}" failures="${count("failure")}" errors="${count("error")}" skipped="${count("skipped")}" time="${seconds(time)}"`;
}

function suite(name: string, cases: TestCase[], properties: string[] = []): string {
  const props =
    properties.length > 0
      ? [`    <properties>`, ...properties.map((p) => `      ${p}`), `    </properties>`]
      : [];
  const body = [...props, ...cases.map((c) => `    ${c.xml}`)];
  return [`  <testsuite name="${attr(name)}" ${counts(cases)}>`, ...body, "  </testsuite>"].join("\n");
}

function property(name: string, value: string | number): string {
  return `<property name="${attr(name)}" value="${attr(String(value))}"/>`;
}

/** The verdict as a suite of its own, so a CI test viewer shows a NO-GO even when no item failed. */
function verdictSuite(report: JsonReport, verdict: ReportVerdict): { xml: string; cases: TestCase[] } {
  const { checklist, summary } = report;
  const cases = verdict.gates.map(gateCase);
  const properties = [
    property("gonogo.verdict", verdict.verdict),
    property("gonogo.gates", gateTally(verdict)),
    property("gonogo.checklist", checklist.path),
    property("gonogo.sha256", checklist.sha256),
    property("gonogo.verifiedPct", summary.verifiedPct),
    property("gonogo.claimedPct", summary.claimedPct),
  ];
  return { xml: suite("gonogo verdict", cases, properties), cases };
}

/** Items grouped by the section that holds them, in document order; the section path names the group. */
function sectionGroups(report: JsonReport): Map<string, JsonItem[]> {
  const groups = new Map<string, JsonItem[]>();
  for (const item of report.items) {
    const path = sectionTitlePath(report.sections, item.section).join(" / ") || LOOSE_SUITE;
    groups.set(path, [...(groups.get(path) ?? []), item]);
  }
  return groups;
}

/**
 * JUnit XML for CI test viewers: one <testsuite> per section that holds items (named by its path of
 * headings, subsections get suites of their own), one <testcase> per item; fail is a <failure>,
 * error an <error>, claimed/open/waived <skipped>; pass and attested plain. A first suite,
 * "gonogo verdict", holds one testcase per gate and the verdict as <properties>.
 */
export function renderJunit(report: JsonReport): string {
  const all: TestCase[] = [];
  const suites: string[] = [];
  const verdict = reportVerdict(report);
  if (verdict) {
    const verdictCases = verdictSuite(report, verdict);
    all.push(...verdictCases.cases);
    suites.push(verdictCases.xml);
  }
  const fallbackClass = checklistName(report);
  const children = itemChildren(report.items);
  for (const [path, items] of sectionGroups(report)) {
    const classname = path === LOOSE_SUITE ? fallbackClass : path;
    const cases = items.map((item) => itemCase(report, item, children.get(item.id) ?? [], classname));
    all.push(...cases);
    suites.push(suite(path, cases));
  }
  const name = `gonogo: ${checklistName(report)}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(name)}" ${counts(all)}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
