import { existsSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { GonogoError, isGonogoError } from "../core/errors.js";
import { TOOL } from "../core/version.js";
import { EXIT_CODE_INTERNAL_ERROR, EXIT_CODE_USAGE, exitCodeOf } from "./exit-codes.js";

/**
 * Maps command names to lazy imports, so `gonogo status` never loads the probes, and turns known
 * errors into one clear line and the exit code of their kind (2). Only a real bug prints a stack.
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
    .option("--format <format>", "report format: text, json, junit, markdown, html", "text")
    .option("--out <file>", "write the report to a file (atomically) instead of stdout")
    .option("--write", "set the ticks of bound items to what was verified (nothing else in the file changes)")
    .option("--verbose", "text report: list passing and claimed items too")
    .option(
      "--progress",
      "print a line on stderr as each check starts and ends (also when not on a terminal)",
    )
    .option(
      "--store <location>",
      "record the run in this store: a SQLite file or a postgres:// URL (default: $GONOGO_STORE, else .gonogo/gonogo.db beside the checklist)",
    )
    .option(
      "--no-store",
      "do not record this run (recorded attestations, waivers and sign-offs are not read)",
    )
    .option(
      "--push <url>",
      "after the run, send its JSON report to a readiness service (gonogo serve): the service's URL, https://host/api/v1/checklists/<service>; a push that fails exits 2",
    )
    .option("--token <token>", "the API token --push sends (default: $GONOGO_TOKEN); never printed")
    .action(async (checklist: string, options: import("./commands/verify.js").VerifyOptions) => {
      const { runVerify } = await import("./commands/verify.js");
      process.exitCode = await runVerify(checklist, options);
    });

  program
    .command("init")
    .description("Propose gonogo.yml from the checklist's item text: checks, manual items, waiver candidates")
    .argument("<checklist>", "the Markdown checklist")
    .option("--out <file>", "where to write (default: gonogo.yml beside the checklist)")
    .option(
      "--target <name=url>",
      "a target's URL (or path), e.g. api=http://127.0.0.1:8080; repeatable",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--force", "replace an existing file")
    .option("--merge", "add checks for the items an existing file does not bind; existing lines are kept")
    .option("--explain", "print what would be proposed for each item instead of writing a file")
    .option("--json", "with --explain: a JSON array, one entry per item")
    .action(async (checklist: string, options: import("./commands/init.js").InitOptions) => {
      const { runInit } = await import("./commands/init.js");
      process.exitCode = await runInit(checklist, options);
    });

  program
    .command("schema")
    .description("Print the JSON Schema of gonogo.yml (for editor completion), or of the JSON report")
    .option("--report", "the JSON Schema of the JSON report (schemaVersion 1) instead")
    .action(async (options: { report?: boolean }) => {
      const { runSchema } = await import("./commands/schema.js");
      process.exitCode = await runSchema(options);
    });

  const attestation = program
    .command("attestation")
    .description("Signed readiness attestations (in-toto Statement in a DSSE envelope, ECDSA P-256)");

  attestation
    .command("create")
    .description("Sign a run's verdict, gates, scores and item statuses for a deploy pipeline to verify")
    .requiredOption("--key <file>", "the private key (PKCS#8 PEM, from gonogo keygen)")
    .option("--report <file>", "the run's JSON report (gonogo verify --format json --out FILE)")
    .option("--run <id>", "a stored run by number (default: the store's latest complete run)")
    .option("--checklist <file>", "attest this checklist's latest complete run (the store is beside it)")
    .option("--store <location>", "a SQLite file or postgres:// URL (default: $GONOGO_STORE or beside it)")
    .option("--commit <sha>", "the commit the run verified (default: the run's, or the checkout's HEAD)")
    .option("--out <file>", "write the attestation to a file (atomically) instead of stdout")
    .action(async (options: import("./commands/attestation.js").AttestationCreateOptions) => {
      const { runAttestationCreate } = await import("./commands/attestation.js");
      process.exitCode = await runAttestationCreate(options);
    });

  attestation
    .command("verify")
    .description("Check an attestation's signature: exit 0 valid, 1 not to be trusted, 2 unreadable input")
    .argument("<file>", "the attestation (DSSE envelope JSON)")
    .requiredOption("--pub <file>", "the public key (SPKI PEM, from gonogo keygen)")
    .option("--require <verdict>", "also require this verdict (GO)")
    .option("--commit <sha>", "also require the attestation to be for this git commit")
    .action(async (file: string, options: import("./commands/attestation.js").AttestationVerifyOptions) => {
      const { runAttestationVerify } = await import("./commands/attestation.js");
      process.exitCode = await runAttestationVerify(file, options);
    });

  program
    .command("keygen")
    .description("Write an ECDSA P-256 key pair for attestations: NAME.pem (private, 0600) and NAME.pub.pem")
    .requiredOption("--out <name>", "the key pair's file name, without .pem")
    .action(async (options: { out: string }) => {
      const { runKeygen } = await import("./commands/keygen.js");
      process.exitCode = await runKeygen(options);
    });

  // Run history, manual evidence and sign-offs (the store, src/store/).
  const storeHelp =
    "the store: a SQLite file or a postgres:// URL (default: $GONOGO_STORE, else .gonogo/gonogo.db beside the checklist)";
  program
    .command("history")
    .description("List the recorded runs, newest first: verdict, scores, duration")
    .argument(
      "[checklist]",
      "only this checklist's runs (its .gonogo/ store); default: every run in ./.gonogo/",
    )
    .option("--store <location>", storeHelp)
    .option("--limit <n>", "at most this many runs")
    .option("--json", "print [{id, checklist, startedAt, finishedAt, complete, verdict, summary}]")
    .action(
      async (checklist: string | undefined, options: import("./commands/history.js").HistoryOptions) => {
        const { runHistory } = await import("./commands/history.js");
        process.exitCode = await runHistory(checklist, options);
      },
    );

  program
    .command("show")
    .description("Print a recorded run's report, in any format")
    .argument("<run>", "the run number (see gonogo history)")
    .option("--checklist <file>", "find the store beside this checklist (default: ./.gonogo/)")
    .option("--store <location>", storeHelp)
    .option("--format <format>", "report format: text, json, junit, markdown, html", "text")
    .option("--json", "same as --format json: the run's JSON report as stored")
    .option("--verbose", "text report: list passing and claimed items too")
    .action(async (run: string, options: import("./commands/show.js").ShowOptions) => {
      const { runShow } = await import("./commands/show.js");
      process.exitCode = await runShow(run, options);
    });

  program
    .command("diff")
    .description("Items that regressed or recovered between two runs, with their evidence side by side")
    .argument("[runA]", "the earlier run; alone, the later one, compared with the complete run before it")
    .argument("[runB]", "the later run (default: the last two complete runs)")
    .option("--checklist <file>", "this checklist's runs, and the store beside it (default: ./.gonogo/)")
    .option("--store <location>", storeHelp)
    .option("--json", "print {from, to, regressed, recovered}")
    .action(
      async (
        a: string | undefined,
        b: string | undefined,
        options: import("./commands/_store.js").StoreFlags,
      ) => {
        const { runDiff } = await import("./commands/diff.js");
        process.exitCode = await runDiff(a, b, options);
      },
    );

  program
    .command("attest")
    .description("Vouch for a manual item: it counts as attested until the attestation expires")
    .argument("<checklist>", "the Markdown checklist")
    .argument("[item]", "the item: its text, its id or a /regex/ (as in gonogo.yml)")
    .requiredOption("--by <name>", "who vouches for it")
    .option("--evidence <url-or-file>", "a link, or a file kept in the store by its sha256")
    .option("--expires <duration>", "valid for this long: 30d, 12h, 90m (default: no expiry)")
    .option("--note <text>", "a note kept with the attestation")
    .option("--store <location>", storeHelp)
    .action(
      async (
        checklist: string,
        item: string | undefined,
        options: import("./commands/attest.js").AttestOptions,
      ) => {
        const { runAttest } = await import("./commands/attest.js");
        process.exitCode = await runAttest(checklist, both("attest", checklist, item, "item"), options);
      },
    );

  program
    .command("waive")
    .description("Declare an item not applicable until a date, as a waiver in gonogo.yml does")
    .argument("<checklist>", "the Markdown checklist")
    .argument("[item]", "the item: its text, its id or a /regex/ (as in gonogo.yml)")
    .requiredOption("--reason <text>", "why it does not apply")
    .requiredOption("--by <name>", "who approves the waiver")
    .requiredOption("--until <date>", "last day it holds, YYYY-MM-DD")
    .option("--store <location>", storeHelp)
    .action(
      async (
        checklist: string,
        item: string | undefined,
        options: import("./commands/waive.js").WaiveOptions,
      ) => {
        const { runWaive } = await import("./commands/waive.js");
        process.exitCode = await runWaive(checklist, both("waive", checklist, item, "item"), options);
      },
    );

  program
    .command("signoff")
    .description("Approve a section as it stood in the latest complete run; a later regression voids it")
    .argument("<checklist>", "the Markdown checklist")
    .argument("[section]", 'the section: its title ("Security") or id')
    .requiredOption("--by <name>", "who signs off")
    .requiredOption("--role <role>", 'in which role ("Security Lead"), as gates.signoffs names it')
    .option("--store <location>", storeHelp)
    .action(
      async (
        checklist: string,
        section: string | undefined,
        options: import("./commands/signoff.js").SignoffOptions,
      ) => {
        const { runSignoff } = await import("./commands/signoff.js");
        process.exitCode = await runSignoff(
          checklist,
          both("signoff", checklist, section, "section"),
          options,
        );
      },
    );

  program
    .command("audit")
    .description(
      "The append-only log: every attestation, waiver, sign-off (and its voiding) and store migration",
    )
    .option("--checklist <file>", "the store beside this checklist (default: ./.gonogo/)")
    .option("--store <location>", storeHelp)
    .option("--json", "print the events as JSON")
    .action(async (options: import("./commands/_store.js").StoreFlags) => {
      const { runAudit } = await import("./commands/audit.js");
      process.exitCode = await runAudit(options);
    });

  // API tokens for gonogo serve (src/server/auth/): the secret is printed once, the store keeps a hash.
  const tokenStoreHelp =
    "the store gonogo serve reads: a SQLite file or a postgres:// URL (default: $GONOGO_STORE, else ./.gonogo/gonogo.db)";
  const token = program.command("token").description("API tokens for gonogo serve: create, list, revoke");
  token
    .command("create")
    .description("Issue a token: printed once on stdout, kept only as a salted hash")
    .requiredOption("--name <name>", "unique among live tokens (ci, deploy-bot, ana.diaz)")
    .requiredOption(
      "--role <role>",
      "viewer, runner (runs, reports), approver (attest, waive, sign off) or admin",
    )
    .option(
      "--signoff-role <role>",
      'a sign-off role an approver or admin token holds ("Security Lead"); repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      "--expires <when>",
      "valid for a duration (90d) or through a day (YYYY-MM-DD); default: no expiry",
    )
    .option("--store <location>", tokenStoreHelp)
    .action(async (options: import("./commands/token.js").TokenCreateOptions) => {
      const { runTokenCreate } = await import("./commands/token.js");
      process.exitCode = await runTokenCreate(options);
    });
  token
    .command("list")
    .description("The live tokens: name, prefix, role, expiry, last use (never a secret or a hash)")
    .option("--all", "revoked tokens too")
    .option("--json", "print the tokens as JSON")
    .option("--store <location>", tokenStoreHelp)
    .action(async (options: import("./commands/token.js").TokenListOptions) => {
      const { runTokenList } = await import("./commands/token.js");
      process.exitCode = await runTokenList(options);
    });
  token
    .command("revoke")
    .description("Revoke a live token by name: it stops working at once")
    .argument("<name>", "the token's name (see gonogo token list)")
    .option("--store <location>", tokenStoreHelp)
    .action(async (name: string, options: { store?: string }) => {
      const { runTokenRevoke } = await import("./commands/token.js");
      process.exitCode = await runTokenRevoke(name, options);
    });

  program
    .command("migrate")
    .description(
      "Bring the store's schema up to date: needed once per gonogo upgrade on a shared (Postgres) database; the embedded SQLite file migrates itself",
    )
    .option(
      "--store <location>",
      "the store: a postgres:// URL or a SQLite file (default: $GONOGO_STORE, else ./.gonogo/gonogo.db)",
    )
    .action(async (options: import("./commands/migrate.js").MigrateOptions) => {
      const { runMigrate } = await import("./commands/migrate.js");
      process.exitCode = await runMigrate(options);
    });

  program
    .command("serve")
    .description(
      "The readiness service: API v1, health, metrics and OpenAPI for the services gonogo-server.yml names",
    )
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("--port <port>", "the port to listen on (0: a free one, printed when listening)", "8080")
    .option(
      "--store <location>",
      "a SQLite file or a postgres:// URL, migrated by gonogo migrate (default: $GONOGO_STORE, else .gonogo/gonogo.db beside the server config)",
    )
    .option("--config <file>", "the server config (default: gonogo-server.yml in the current folder)")
    .option(
      "--no-work",
      "queue runs (asked for and scheduled) for gonogo worker processes; run none here (Postgres store)",
    )
    .action(async (options: import("./commands/serve.js").ServeOptions) => {
      const { runServe } = await import("./commands/serve.js");
      process.exitCode = await runServe(options);
    });

  program
    .command("worker")
    .description(
      "Run the verifications gonogo serve queues on a Postgres store (pg-boss): several workers share the jobs",
    )
    .option("--store <location>", "the postgres:// store the server uses (default: $GONOGO_STORE)")
    .option(
      "--config <file>",
      "the server config naming the services (default: gonogo-server.yml in the current folder)",
    )
    .option(
      "--concurrency <n>",
      "jobs kept in flight by this worker (default: jobs.concurrency in the config, else 16); a job waits on its checks' IO most of the time, so raise it until the worker's CPU is busy",
    )
    .option(
      "--metrics-port <port>",
      "serve this worker's Prometheus /metrics on this port (0: a free one, printed): job pickup latency, check durations, runs, process CPU",
    )
    .option("--metrics-host <host>", "the address --metrics-port listens on", "127.0.0.1")
    .action(async (options: import("./commands/worker.js").WorkerOptions) => {
      const { runWorker } = await import("./commands/worker.js");
      process.exitCode = await runWorker(options);
    });
  // Staged rollouts (src/rollout/): one process drives, people steer through the store.
  const rollout = program
    .command("rollout")
    .description("Drive a staged rollout: phases, metric gates during each soak, rollback by itself");
  const rolloutStoreHelp =
    "the store: a SQLite file or a postgres:// URL (default: $GONOGO_STORE, else .gonogo/gonogo.db beside gonogo.yml)";
  rollout
    .command("start")
    .description(
      "Drive the rollout in the foreground until it succeeds (exit 0), rolls back or escalates (exit 1)",
    )
    .argument("<checklist-or-config>", "gonogo.yml, or the checklist it sits beside")
    .option(
      "--revision <id>",
      "what is being rolled out; a new one starts over (default: the config's sha256)",
    )
    .option("--lease <seconds>", "how long the lease lasts without renewal", "30")
    .option("--store <location>", rolloutStoreHelp)
    .action(async (target: string, options: import("./commands/rollout.js").RolloutOptions) => {
      const { runRolloutStart } = await import("./commands/rollout.js");
      process.exitCode = await runRolloutStart(target, options);
    });
  rollout
    .command("status")
    .description(
      "Where the rollout stands and its timeline: phase changes, gate results, actions and responses, rollback times",
    )
    .argument("<checklist-or-config>", "gonogo.yml, or the checklist it sits beside")
    .option("--format <format>", "text, json, or html (the report with the timeline chart)", undefined)
    .option("--json", "as JSON (--format json)")
    .option("--out <file>", "write it to this file (atomically) instead of stdout")
    .option("--store <location>", rolloutStoreHelp)
    .action(async (target: string, options: import("./commands/rollout.js").RolloutOptions) => {
      const { runRolloutStatus } = await import("./commands/rollout.js");
      process.exitCode = await runRolloutStatus(target, options);
    });
  for (const [name, text] of [
    ["promote", "End the current phase now and go to the next (also after a hold)"],
    ["pause", "Stop advancing; gates still roll back on failure"],
    ["resume", "Advance again after a pause"],
    ["abort", "Roll back to the safe weight now"],
  ] as const) {
    rollout
      .command(name)
      .description(text)
      .argument("<checklist-or-config>", "gonogo.yml, or the checklist it sits beside")
      .option("--by <name>", "who decides (default: $GONOGO_USER or the OS user)")
      .option("--store <location>", rolloutStoreHelp)
      .action(async (target: string, options: import("./commands/rollout.js").RolloutOptions) => {
        const { runRolloutCommand } = await import("./commands/rollout.js");
        process.exitCode = await runRolloutCommand(name, target, options);
      });
  }

  return program;
}

/**
 * The second argument of attest, waive and signoff. Given only one, a user most likely left out the
 * checklist (`gonogo attest "Runbook reviewed"`): say that, not commander's "missing argument 'item'".
 */
function both(command: string, checklist: string, second: string | undefined, what: string): string {
  if (second !== undefined) return second;
  const usage = `gonogo ${command} <checklist> <${what}> ...`;
  if (existsSync(checklist) || /\.(?:md|markdown|txt)$/i.test(checklist))
    throw new GonogoError("usage", `gonogo ${command}: name the ${what} after the checklist`, [usage]);
  throw new GonogoError(
    "usage",
    `gonogo ${command} takes the checklist, then the ${what}: got only "${checklist}"`,
    [`${usage}  (e.g. gonogo ${command} docs/launch.md "${checklist}" ...)`],
  );
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
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_CODE_USAGE;
      return;
    }
    if (isGonogoError(error)) {
      // The cause, if any, is for a log; a person at a terminal gets the message and what to do.
      process.stderr.write(`gonogo: ${error.message}\n`);
      for (const detail of error.details) process.stderr.write(`  ${detail}\n`);
      process.exitCode = exitCodeOf(error.kind);
      return;
    }
    // A bug, not a user error: the stack helps us; never exit 1, which would read as NO-GO.
    process.stderr.write(
      `gonogo: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = EXIT_CODE_INTERNAL_ERROR;
  }
}

await main(process.argv);
