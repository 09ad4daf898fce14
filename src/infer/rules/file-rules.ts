import { words } from "../rule-helpers.js";
import type { Rule, RuleProposal } from "../types.js";

/** Files in the repository: one that must not be committed, one that must exist (or be imported). */
export const FILE_RULES: readonly Rule[] = [
  {
    name: "file-not-committed",
    probe: "command",
    summary:
      "a file that must not be committed (`.env` (not committed)) -> it exists and git does not track it",
    examples: ["Set production `.env` file (not committed)", "`config/secrets.yml` is gitignored"],
    propose(facts) {
      const [file] = facts.files;
      if (!file || !NOT_COMMITTED.test(facts.text)) return null;
      return {
        config: { run: untrackedCommand(file), cwd: "repo" },
        expect: ["exit_code == 0"],
        confidence: 0.7,
        because: [file, ...words(facts, NOT_COMMITTED)],
      };
    },
  },
  {
    name: "file-exists",
    probe: "file",
    summary: "a file or folder named in the item (`rules/bargain.yaml`, docker-compose.yml) -> it exists",
    examples: [
      "Golden dataset in `tests/golden/`",
      "Alert rules in `rules/bargain.yaml` active",
      "docker-compose.yml configured",
      "`analysis.json` - frozen test input",
    ],
    propose(facts) {
      const files = facts.files.filter((f) => !/Dockerfile/i.test(f));
      const [file] = files;
      // "not committed" passes exactly when the file is absent from git, which existence cannot say.
      if (!file || NOT_COMMITTED.test(facts.text)) return null;
      if (/\bimport(?:ed|s)?\b/i.test(facts.text)) return importedModule(file);
      const bare = !file.includes("/") && !file.startsWith(".");
      // A document (README.md, docs/) is there long before what it must say is: a guess to review.
      const document = DOCUMENT.test(file);
      return {
        config: { target: "repo", path: bare ? `**/${file}` : file.replace(/\/$/, "") },
        expect: ["exists == true"],
        confidence: document ? 0.4 : bare ? 0.5 : 0.7,
        because: [file, ...(document ? ["a document: that it exists says nothing of what it says"] : [])],
      };
    },
  },
];

/**
 * Passes when `file` is there and git does not track it: "not committed" alone would pass with no
 * file at all. `!` would also turn git's 128 outside a repository into a pass, so the repository
 * is asked for first. `untrackedCommand(".env")` ->
 * `git rev-parse --is-inside-work-tree >/dev/null && test -e .env && ! git ls-files --error-unmatch -- .env >/dev/null 2>&1`
 */
export function untrackedCommand(file: string): string {
  const path = /^[\w./-]+$/.test(file) ? file : `'${file.replaceAll("'", "'\\''")}'`;
  return `git rev-parse --is-inside-work-tree >/dev/null && test -e ${path} && ! git ls-files --error-unmatch -- ${path} >/dev/null 2>&1`;
}

/** Prose documents: README, CHANGELOG, docs/, Markdown and reStructuredText files. */
const DOCUMENT =
  /(?:^|\/)(?:README|CHANGELOG|CHANGES|CONTRIBUTING|LICENSE|NOTICE|SECURITY|RUNBOOK)(?:\.\w+)?$|\.(?:md|markdown|rst|adoc)$|(?:^|\/)docs?\/?$|^docs?\//i;

const NOT_COMMITTED =
  /\bnot (?:be )?committed\b|\bnever committed\b|\buncommitted\b|\buntracked\b|\bgit-?ignored\b|\bnot (?:in|checked into) git\b/i;

/**
 * "`Monitor.ts` imported in app": some other source imports it (`from "@/lib/Monitor"`). A guess
 * written commented out: the glob is the whole repository and the file probe reads 1 MiB at most.
 */
function importedModule(file: string): RuleProposal | null {
  const match = /(?:^|\/)([\w.-]+?)(\.[cm]?[jt]sx?)$/.exec(file);
  if (!match) return null;
  return {
    config: { target: "repo", path: `**/*${match[2]}` },
    expect: [`content contains "/${match[1]}"`],
    confidence: 0.4,
    because: [file, "imported", "narrow the path to the app's sources (at most 1 MiB is read)"],
  };
}
