import { Command, CommanderError } from "commander";
import { isGonogoError } from "../errors.js";
import { TOOL } from "../version.js";

/**
 * Maps command names to lazy imports, so `gonogo status` never loads the probes, and turns known
 * errors into one clear line and exit code 2. Only a real bug prints a stack.
 */
function buildProgram(): Command {
  const program = new Command("gonogo")
    .description("Production readiness as code: verify the Markdown launch checklist you already have.")
    .version(TOOL.version)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  program
    .command("status")
    .description("Score the checklist from its ticks alone: sections, claimed %, lint findings")
    .argument("<checklist>", "the Markdown checklist")
    .option("--json", "print the JSON report (schemaVersion 1) instead of the terminal view")
    .action(async (checklist: string, options: { json?: boolean }) => {
      const { runStatus } = await import("./commands/status.js");
      process.exitCode = await runStatus(checklist, options);
    });

  program
    .command("verify")
    .description(
      "Run the checks bound in gonogo.yml, score the checklist, apply the gates: GO (exit 0) or NO-GO (exit 1)",
    )
    .argument("<checklist>", "the Markdown checklist")
    .option("-c, --config <file>", "the config (default: gonogo.yml beside the checklist)")
    .option("--format <format>", "report format: text, json, junit, markdown", "text")
    .option("--out <file>", "write the report to a file (atomically) instead of stdout")
    .option("--write", "set the ticks of bound items to what was verified (nothing else in the file changes)")
    .option("--verbose", "text report: list passing and claimed items too")
    .action(async (checklist: string, options: import("./commands/verify.js").VerifyOptions) => {
      const { runVerify } = await import("./commands/verify.js");
      process.exitCode = await runVerify(checklist, options);
    });

  program
    .command("schema")
    .description("Print the JSON Schema of gonogo.yml (for editor completion)")
    .action(async () => {
      const { runSchema } = await import("./commands/schema.js");
      process.exitCode = await runSchema();
    });

  return program;
}

// A reader that closes early (`gonogo status --json | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; any other commander complaint is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (isGonogoError(error)) {
      process.stderr.write(`gonogo: ${error.message}\n`);
      for (const detail of error.details) process.stderr.write(`  ${detail}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // A bug, not a user error: the stack helps us; exit 2, never 1, which would read as NO-GO.
    process.stderr.write(
      `gonogo: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 2;
  }
}

await main(process.argv);
