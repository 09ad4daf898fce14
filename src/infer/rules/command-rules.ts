import { CHANGES_STATE, words } from "../rule-helpers.js";
import type { Rule } from "../types.js";

/** Commands: one named in the item, the checklist's test command, an environment variable. */
export const COMMAND_RULES: readonly Rule[] = [
  {
    name: "command-span",
    probe: "command",
    summary: "a command in code (`npm test`, `node --test`) -> run it, exit 0 (and 'N passing')",
    examples: [
      "`npm test` - unit tests (15 passing)",
      "Pass golden verification (`npm run verify:golden`)",
      "Unit tests pass (`node --test`)",
      "- [ ] All unit tests passing\n  ```bash\n  npm test tests/backend/pricing-engine.test.ts\n  ```",
    ],
    propose(facts) {
      const run = facts.commands.find((c) => !/^k6 run\b/.test(c));
      if (!run) return null;
      const expect = ["exit_code == 0"];
      const passing = /\((\d+) passing\)/i.exec(facts.text)?.[1];
      if (passing) expect.push(`output contains "${passing} passing"`);
      // verify must never migrate, deploy or delete: such a command is an action, written commented out.
      const changes = CHANGES_STATE.exec(run)?.[0];
      return {
        config: { run, cwd: "repo", timeout: "10m" },
        expect,
        confidence: changes ? 0.2 : 0.8,
        because: [
          run,
          ...(passing ? [`${passing} passing`] : []),
          ...(changes ? [`changes state (${changes})`] : []),
        ],
      };
    },
  },
  {
    name: "test-suite-command",
    probe: "command",
    summary:
      "'All unit (integration) tests passing' with no command of its own -> the checklist's unit (integration) test command",
    examples: ["- [ ] Unit tests green\n  ```bash\n  npm run test:unit\n  ```\n- [ ] All unit tests passing"],
    propose(facts) {
      const kind = /\b(unit|integration) tests? (?:are )?(?:pass(?:ing|es|ed)?|green)\b/i.exec(
        facts.text,
      )?.[1];
      if (!kind || facts.commands.length > 0) return null;
      const run = facts.testCommands[kind.toLowerCase() as "unit" | "integration"];
      if (!run) return null;
      return {
        // The same block as the command's own item, so both are bound to one run.
        config: { run, cwd: "repo", timeout: "10m" },
        expect: ["exit_code == 0"],
        confidence: 0.8,
        because: [`${kind} tests`, `the checklist's ${kind.toLowerCase()} test command (${run})`],
      };
    },
  },
  {
    name: "env-var",
    probe: "command",
    summary: "`NAME` set / unset / `NAME=value` -> test the variable in gonogo's environment",
    examples: [
      "- [ ] Telegram credentials configured:\n  - [ ] `TELEGRAM_BOT_TOKEN` set",
      "Batch size gate: `PAIR_BATCH_MAX_CHUNK=200`",
    ],
    propose(facts) {
      const [name] = facts.envVars;
      if (!name) return null;
      const assigned = facts.spans
        .map((s) => new RegExp(`^${name}=(.+)$`).exec(s)?.[1])
        .find((v) => v !== undefined);
      const unset = /\bunset\b|not set/i.test(facts.text);
      if (!assigned && !unset && !/\bset\b|configured|exported/i.test(facts.text)) return null;
      const run = assigned
        ? `test "$${name}" = '${assigned.replace(/'/g, "")}'`
        : unset
          ? `test -z "$${name}"`
          : `test -n "$${name}"`;
      return {
        config: { run },
        expect: ["exit_code == 0"],
        confidence: unset ? 0.3 : 0.5,
        because: [name, ...words(facts, /\bunset\b|not set|\bset\b|configured/i)],
      };
    },
  },
];
