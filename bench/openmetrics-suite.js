/**
 * How far gonogo's exposition parser agrees with the OpenMetrics parser test suite
 * (prometheus/OpenMetrics, tests/testdata/parsers: one folder per case, with the text in `metrics`
 * and `{"shouldParse": true|false}` in `test.json`). Parses every case in OpenMetrics mode and
 * prints the agreement counts and each disagreement with the parser's own message.
 *
 * The suite is not in this repository; give the path of a copy of that folder:
 *   npm run build && node bench/openmetrics-suite.js PATH/tests/testdata/parsers [--json]
 * docs/openmetrics-conformance.md has the figures and says why each remaining disagreement stays.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseExposition } from "../dist/probes/shared/prometheus/exposition/parse-exposition.js";

const [folder, flag] = process.argv.slice(2);
if (!folder || !statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
  process.stderr.write("usage: node bench/openmetrics-suite.js <tests/testdata/parsers folder> [--json]\n");
  process.exit(2);
}

/** One case: its name, what the suite expects, and what gonogo said. */
function runCase(name) {
  const dir = join(folder, name);
  const spec = JSON.parse(readFileSync(join(dir, "test.json"), "utf8"));
  const text = new TextDecoder("utf-8", { fatal: false }).decode(readFileSync(join(dir, spec.file)));
  const parsed = parseExposition(text, "openmetrics");
  return {
    name,
    shouldParse: spec.shouldParse === true,
    parsed: parsed.ok,
    message: parsed.ok ? undefined : `line ${parsed.error.line}: ${parsed.error.message}`,
  };
}

const names = readdirSync(folder)
  .filter((name) => statSync(join(folder, name, "test.json"), { throwIfNoEntry: false })?.isFile())
  .sort();
const cases = names.map(runCase);
const good = cases.filter((c) => c.shouldParse);
const bad = cases.filter((c) => !c.shouldParse);
const summary = {
  cases: cases.length,
  agree: cases.filter((c) => c.parsed === c.shouldParse).length,
  shouldParseAccepted: `${good.filter((c) => c.parsed).length}/${good.length}`,
  shouldFailRejected: `${bad.filter((c) => !c.parsed).length}/${bad.length}`,
  wronglyRejected: good.filter((c) => !c.parsed).map((c) => ({ name: c.name, message: c.message })),
  wronglyAccepted: bad.filter((c) => c.parsed).map((c) => c.name),
};

if (flag === "--json") {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  const lines = [
    `OpenMetrics parser suite: ${summary.agree}/${summary.cases} cases agree`,
    `  should parse, accepted: ${summary.shouldParseAccepted}`,
    `  should fail, rejected:  ${summary.shouldFailRejected}`,
    `wrongly rejected (${summary.wronglyRejected.length}):`,
    ...summary.wronglyRejected.map((c) => `  ${c.name}: ${c.message}`),
    `wrongly accepted (${summary.wronglyAccepted.length}):`,
    ...summary.wronglyAccepted.map((name) => `  ${name}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
