import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { checkResult, sampleAssessment } from "../../test/support/sample-assessment.js";
import { assessChecklist } from "../verdict/assessment.js";
import { toJsonReport } from "./json.js";
import { renderJunit } from "./junit.js";
import { escapeXmlAttribute, escapeXmlText } from "./xml-escape.js";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

// A strict little XML 1.0 reader for what renderJunit writes (elements, attributes, text, the
// prolog; no comments, CDATA or DTD): it throws on anything a real parser would reject.
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== "&") {
      out += raw[i];
      continue;
    }
    const end = raw.indexOf(";", i);
    if (end < 0) throw new Error(`unterminated reference at ${raw.slice(i, i + 10)}`);
    const name = raw.slice(i + 1, end);
    const code = name.startsWith("#x")
      ? Number.parseInt(name.slice(2), 16)
      : name.startsWith("#")
        ? Number.parseInt(name.slice(1), 10)
        : undefined;
    if (code !== undefined && !isXmlChar(code))
      throw new Error(`reference to a forbidden character: &${name};`);
    const value = code === undefined ? NAMED[name] : String.fromCodePoint(code);
    if (value === undefined) throw new Error(`unknown entity &${name};`);
    out += value;
    i = end;
  }
  return out;
}

function readXml(xml: string): XmlElement {
  for (const char of xml) {
    const code = char.codePointAt(0) ?? 0;
    if (!isXmlChar(code)) throw new Error(`forbidden character U+${code.toString(16)}`);
  }
  let at = 0;
  if (xml.startsWith("<?xml")) at = xml.indexOf("?>") + 2;
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\r";
  while (at < xml.length) {
    const top = stack.at(-1) as XmlElement;
    if (xml[at] !== "<") {
      const end = xml.indexOf("<", at) < 0 ? xml.length : xml.indexOf("<", at);
      const raw = xml.slice(at, end);
      if (raw.includes("]]>")) throw new Error("]]> in text");
      if (top === root && raw.trim() !== "") throw new Error("text outside the root element");
      top.text += decode(raw);
      at = end;
      continue;
    }
    if (xml[at + 1] === "/") {
      const end = xml.indexOf(">", at);
      const name = xml.slice(at + 2, end).trim();
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      at = end + 1;
      continue;
    }
    let i = at + 1;
    while (!isSpace(xml[i]) && xml[i] !== ">" && xml[i] !== "/") i++;
    const element: XmlElement = { name: xml.slice(at + 1, i), attributes: {}, children: [], text: "" };
    if (element.name === "" || element.name.startsWith("!")) throw new Error(`unexpected markup at ${at}`);
    for (;;) {
      while (isSpace(xml[i])) i++;
      if (xml.startsWith("/>", i) || xml[i] === ">") break;
      const eq = xml.indexOf("=", i);
      const name = xml.slice(i, eq);
      const quote = xml[eq + 1];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${name}`);
      const close = xml.indexOf(quote, eq + 2);
      const raw = xml.slice(eq + 2, close);
      if (raw.includes("<")) throw new Error(`< in attribute ${name}`);
      if (name in element.attributes) throw new Error(`duplicate attribute ${name}`);
      // Attribute-value normalisation: literal whitespace becomes a space, references survive.
      element.attributes[name] = decode(raw.replace(/[\t\n\r]/g, " "));
      i = close + 1;
      if (!isSpace(xml[i]) && xml[i] !== ">" && xml[i] !== "/")
        throw new Error("no space between attributes");
    }
    if (top === root && root.children.length > 0) throw new Error("more than one root element");
    top.children.push(element);
    if (xml[i] === ">") stack.push(element);
    at = xml.indexOf(">", i) + 1;
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  const [documentElement] = root.children;
  if (!documentElement) throw new Error("no root element");
  return documentElement;
}

function all(element: XmlElement, name: string): XmlElement[] {
  const here = element.name === name ? [element] : [];
  return [...here, ...element.children.flatMap((child) => all(child, name))];
}

function counts(element: XmlElement) {
  const { tests, failures, errors, skipped } = element.attributes;
  return { tests, failures, errors, skipped };
}

describe("the test's XML reader", () => {
  it("rejects what an XML parser would", () => {
    for (const bad of [
      "<a>&</a>",
      "<a><b></a>",
      '<a x="1" x="2"/>',
      "<a>\u0001</a>",
      "<a>&#1;</a>",
      "<a/><b/>",
      "<a>]]></a>",
    ]) {
      expect(() => readXml(bad), bad).toThrow();
    }
  });
});

describe("renderJunit", () => {
  it("writes the exact XML for a small GO case", () => {
    const checklist = parseText("# Go live\n\n## API\n\n- [x] Health returns 200\n- [x] Docs published\n");
    const [health] = checklist.items;
    if (!health) throw new Error("fixture has items");
    const result = checkResult({
      id: "health",
      status: "pass",
      durationMs: 1234,
      expectations: [{ expr: "status == 200", ok: true, actual: "200" }],
    });
    const assessment = {
      ...assessChecklist(checklist, new Map([[health.id, "pass"]]), new Map([[health.id, [result]]])),
      verdict: {
        verdict: "GO" as const,
        gates: [{ name: "overall", ok: true, actual: "100.0% (2/2)", required: "≥ 85%", reason: "met" }],
      },
    };
    expect(
      renderJunit(toJsonReport(assessment)).replace(/"[0-9a-f]{64}"/, '"<sha>"'),
    ).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="gonogo: Go live" tests="3" failures="0" errors="0" skipped="1" time="1.234">
  <testsuite name="gonogo verdict" tests="1" failures="0" errors="0" skipped="0" time="0.000">
    <properties>
      <property name="gonogo.verdict" value="GO"/>
      <property name="gonogo.gates" value="the 1 gate passed"/>
      <property name="gonogo.checklist" value="checklist.md"/>
      <property name="gonogo.sha256" value="<sha>"/>
      <property name="gonogo.verifiedPct" value="50"/>
      <property name="gonogo.claimedPct" value="100"/>
    </properties>
    <testcase name="overall" classname="gonogo gates" time="0.000"/>
  </testsuite>
  <testsuite name="Go live / API" tests="2" failures="0" errors="0" skipped="1" time="1.234">
    <testcase name="Health returns 200" classname="Go live / API" file="checklist.md" line="5" time="1.234"/>
    <testcase name="Docs published" classname="Go live / API" file="checklist.md" line="6" time="0.000">
      <skipped message="not verified: ticked with no check behind it"/>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it("counts failures, errors and skips in every suite and in the root, matching the summary", () => {
    const assessment = sampleAssessment();
    const root = readXml(renderJunit(toJsonReport(assessment)));
    const { summary } = assessment;
    const gates = { tests: 4, failures: 2 };
    expect(counts(root)).toEqual({
      tests: String(summary.items + gates.tests),
      failures: String(summary.fail + gates.failures),
      errors: String(summary.error),
      skipped: String(summary.claimed + summary.open + summary.waived),
    });
    expect(root.children.map((suite) => [suite.attributes.name, counts(suite)])).toEqual([
      ["gonogo verdict", { tests: "4", failures: "2", errors: "0", skipped: "0" }],
      ["Launch Readiness / Security", { tests: "3", failures: "1", errors: "0", skipped: "1" }],
      ["Launch Readiness / Performance", { tests: "4", failures: "2", errors: "1", skipped: "0" }],
      ["Launch Readiness / Operations", { tests: "2", failures: "0", errors: "0", skipped: "1" }],
    ]);
    expect(root.attributes.time).toBe("10.062");
  });

  it("puts the evidence in each failure and error, and says why a test was skipped", () => {
    const root = readXml(renderJunit(toJsonReport(sampleAssessment())));
    const testcase = (name: string) => all(root, "testcase").find((t) => t.attributes.name === name);
    const p95 = testcase("p95 latency < 300ms");
    expect(p95?.attributes).toMatchObject({
      classname: "Launch Readiness / Performance",
      file: "checklist.md",
      line: "12",
    });
    expect(p95?.children[0]).toMatchObject({
      name: "failure",
      attributes: { message: "check load-offer: p95 412ms < 300ms ✗", type: "fail" },
      text: "check load-offer (load, 5s): fail\n  p95 412ms < 300ms ✗",
    });
    expect(testcase("Load tests")?.children[0]).toMatchObject({
      attributes: { message: "decided by the items under it" },
      text: "fail: p95 latency < 300ms (line 12)",
    });
    expect(testcase("Health endpoint returns 200")?.children[0]).toMatchObject({
      name: "error",
      attributes: { message: "check health: GET http://127.0.0.1:1/health: connection refused" },
    });
    expect(testcase("On-call rota agreed")?.children[0]?.attributes.message).toBe(
      "not verified: ticked with no check behind it",
    );
    expect(testcase("Runbook written")?.children).toEqual([]);
    expect(testcase("overall")?.children[0]?.attributes.message).toBe(
      "50.0% (4/8 verified or claimed), required ≥ 85% — 4 items not ready",
    );
    const properties = Object.fromEntries(
      all(root, "property").map((p) => [p.attributes.name, p.attributes.value]),
    );
    expect(properties).toMatchObject({ "gonogo.verdict": "NO-GO", "gonogo.gates": "2 of 4 gates failed" });
  });

  it("escapes hostile item text and evidence so the XML stays well-formed and reads back the same", () => {
    const hostile = `<script>alert("x")</script> & 'quotes' ]]> 🚀 tab\there \u0001bell\u0008 \ufffe`;
    const checklist = parseText(`# Ship 1 < 2 & "go"\n\n- [ ] ${hostile}\n`);
    const [item] = checklist.items;
    if (!item) throw new Error("fixture has an item");
    const error = `boom ]]> <![CDATA[ & \u0000 \r\nline two \ud800 end`;
    const result = checkResult({ id: 'a"b', status: "error", error });
    const xml = renderJunit(
      toJsonReport(assessChecklist(checklist, new Map([[item.id, "error"]]), new Map([[item.id, [result]]]))),
    );
    const root = readXml(xml);
    const [testcase] = all(root, "testcase");
    const visible = (s: string) =>
      s.replace("\u0001", "\\u0001").replace("\u0008", "\\u0008").replace("\ufffe", "\\uFFFE");
    expect(item.text).toContain("]]>");
    expect(testcase?.attributes.name).toBe(visible(item.text));
    expect(testcase?.attributes.classname).toBe('Ship 1 < 2 & "go"');
    expect(testcase?.children[0]?.attributes.message).toBe(`check a"b: boom ]]> <![CDATA[ & \\u0000 `);
    expect(testcase?.children[0]?.text).toBe(
      `check a"b (http, 12ms): error\n  error: boom ]]> <![CDATA[ & \\u0000 \n    line two \ufffd end`,
    );
    expect(xml).not.toContain("]]>");
  });

  it("puts items above the first heading in a suite of their own, classed by the document's path", () => {
    const root = readXml(renderJunit(toJsonReport(assessChecklist(parseText("- [ ] a\n")))));
    expect(root.children.map((suite) => suite.attributes.name)).toEqual(["(before the first heading)"]);
    expect(all(root, "testcase")[0]?.attributes.classname).toBe("checklist.md");
  });

  it("keeps tabs and line breaks in attribute values through attribute-value normalisation", () => {
    const value = "one\ttwo\nthree\r\nfour";
    expect(readXml(`<a b="${escapeXmlAttribute(value)}">${escapeXmlText(value)}</a>`)).toEqual({
      name: "a",
      attributes: { b: value },
      children: [],
      text: value,
    });
  });
});
