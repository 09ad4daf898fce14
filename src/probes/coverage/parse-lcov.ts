import {
  type Counts,
  type CoverageReport,
  countHits,
  ReportSyntaxError,
  sumCounts,
} from "./coverage-report.js";

type SummaryKey = "LF" | "LH" | "BRF" | "BRH" | "FNF" | "FNH";

interface LcovRecord {
  lines: Map<number, number>;
  branches: Map<string, number>;
  functions: Map<string, number>;
  summary: Partial<Record<SummaryKey, number>>;
}

const SUMMARY_KEYS = new Set<string>(["LF", "LH", "BRF", "BRH", "FNF", "FNH"]);

/**
 * An lcov tracefile (`SF:` ... `end_of_record` per source file). Counts come from the detail lines
 * (DA, BRDA, FN/FNDA, lcov 2's FNL/FNA) as genhtml computes them, so two records for one file merge;
 * the LF/LH-style summary lines are used only for a file that has no detail lines. lcov has no
 * statement counts.
 */
export function parseLcov(text: string): CoverageReport {
  const records = new Map<string, LcovRecord>();
  let current: LcovRecord | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const at = `line ${index + 1}`;
    if (line === "" || line === "end_of_record") {
      if (line === "end_of_record") current = undefined;
      return;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) throw new ReportSyntaxError(`${at}: not an lcov record: "${line.slice(0, 60)}"`);
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (key === "SF") {
      current = records.get(value) ?? emptyRecord();
      records.set(value, current);
    } else if (key !== "TN" && key !== "VER") {
      if (current === undefined)
        throw new ReportSyntaxError(`${at}: ${key} outside a file record (no SF: before it)`);
      readDetail(current, key, value, at);
    }
  });
  const files = [...records].map(([file, record]) => ({ file, counts: countsOf(record) }));
  const total = (measure: keyof FileCounts) => sumCounts(files.map(({ counts }) => counts[measure]));
  return {
    format: "lcov",
    totals: {
      lines: total("lines"),
      branches: total("branches"),
      functions: total("functions"),
    },
    unsupported: { statements: "lcov reports have no statement counts" },
    files: files.map(({ file, counts }) => ({ file, lines: counts.lines })),
  };
}

function emptyRecord(): LcovRecord {
  return { lines: new Map(), branches: new Map(), functions: new Map(), summary: {} };
}

function readDetail(record: LcovRecord, key: string, value: string, at: string): void {
  const fields = value.split(",");
  const number = (index: number, what: string): number => {
    const text = fields[index]?.trim() ?? "";
    const parsed = text === "-" && key === "BRDA" ? 0 : Number(text);
    if (text === "" || !Number.isFinite(parsed))
      throw new ReportSyntaxError(`${at}: ${key} needs ${what}, got "${value}"`);
    return parsed;
  };
  if (key === "DA") {
    const line = number(0, "line,count");
    record.lines.set(line, (record.lines.get(line) ?? 0) + number(1, "line,count"));
  } else if (key === "BRDA") {
    const id = fields.slice(0, 3).join(",");
    record.branches.set(id, (record.branches.get(id) ?? 0) + number(3, "line,block,branch,taken"));
  } else if (key === "FN") {
    // FN:<line>,<name> (lcov 1) or FN:<line>,<end line>,<name> (lcov 2.0/2.1): the name is last.
    const name = fields.at(-1) ?? "";
    if (fields.length < 2) throw new ReportSyntaxError(`${at}: FN needs line,name, got "${value}"`);
    record.functions.set(name, record.functions.get(name) ?? 0);
  } else if (key === "FNDA") {
    const name = fields.slice(1).join(",");
    record.functions.set(name, (record.functions.get(name) ?? 0) + number(0, "count,name"));
  } else if (key === "FNL") {
    const id = `#${number(0, "index,line")}`;
    record.functions.set(id, record.functions.get(id) ?? 0);
  } else if (key === "FNA") {
    const id = `#${number(0, "index,count,name")}`;
    record.functions.set(id, (record.functions.get(id) ?? 0) + number(1, "index,count,name"));
  } else if (SUMMARY_KEYS.has(key)) {
    record.summary[key as SummaryKey] = number(0, "a count");
  }
}

interface FileCounts {
  lines: Counts;
  branches: Counts;
  functions: Counts;
}

function countsOf(record: LcovRecord): FileCounts {
  const { summary } = record;
  const pick = (details: Map<unknown, number>, found: number | undefined, hit: number | undefined): Counts =>
    details.size > 0 ? countHits(details.values()) : { covered: hit ?? 0, found: found ?? 0 };
  return {
    lines: pick(record.lines, summary.LF, summary.LH),
    branches: pick(record.branches, summary.BRF, summary.BRH),
    functions: pick(record.functions, summary.FNF, summary.FNH),
  };
}
