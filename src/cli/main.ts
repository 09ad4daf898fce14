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

  return program;
}

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
    throw error;
  }
}

await main(process.argv);
