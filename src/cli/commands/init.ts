import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { loadChecklist } from "../../checklist/index.js";
import { writeFileAtomic } from "../../core/atomic-write.js";
import { GonogoError } from "../../core/errors.js";
import {
  countProposals,
  explainJson,
  explainText,
  inferChecks,
  mergeConfig,
  parseTargetOptions,
  renderConfig,
} from "../../infer/index.js";
import { PROBES } from "../../probes/registry.js";
import { assertOutputPath } from "./_output-path.js";
import { schemaModeline } from "./_schema-line.js";

export interface InitOptions {
  out?: string;
  target?: string[];
  force?: boolean;
  merge?: boolean;
  explain?: boolean;
  json?: boolean;
}

/** `gonogo init`: proposes gonogo.yml from the checklist's item text, or explains what it would propose. */
export async function runInit(path: string, options: InitOptions): Promise<number> {
  if (options.force && options.merge) throw new GonogoError("usage", "--force and --merge: choose one");
  if (options.json && !options.explain) throw new GonogoError("usage", "--json goes with --explain");
  const targets = parseTargetOptions(options.target ?? []);
  const checklist = await loadChecklist(path);
  const inferences = inferChecks(checklist);
  if (options.explain) {
    process.stdout.write(
      options.json ? `${JSON.stringify(explainJson(inferences), null, 2)}\n` : explainText(inferences),
    );
    return 0;
  }
  const available = new Set(PROBES.keys());
  const out = options.out ?? join(dirname(path), "gonogo.yml");
  await assertOutputPath("--out", out, [{ path, what: "the checklist itself" }]);
  const existing = await readExisting(out);
  if (existing !== null && options.merge) {
    const { text, added } = mergeConfig(out, existing, checklist, inferences, available, targets);
    if (added > 0) await writeFileAtomic(out, text);
    process.stderr.write(
      `gonogo: ${out}: ${added} check${added === 1 ? "" : "s"} added for items it did not bind\n`,
    );
    return 0;
  }
  if (existing !== null && !options.force) {
    throw new GonogoError(
      "conflict",
      `${out} already exists: --merge adds checks for unbound items, --force replaces it`,
    );
  }
  const config = renderConfig(checklist, inferences, { available, targets });
  await writeFileAtomic(out, `${schemaModeline(out)}${config}`);
  const { live, review } = countProposals(inferences, available);
  const guesses = review > 0 ? `, ${review} more only a commented-out proposal to review` : "";
  process.stderr.write(
    `gonogo: wrote ${out}: ${live} of ${inferences.length} items have a check${guesses}; review it, then run gonogo verify\n`,
  );
  return 0;
}

/** The file already at `out` (checked by assertOutputPath: not a directory), or null. */
async function readExisting(out: string): Promise<string | null> {
  const info = await stat(out).catch(() => null);
  return info ? readFile(out, "utf8") : null;
}
