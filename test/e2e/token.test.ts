import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../src/server/auth/index.js";
import { openStore } from "../../src/store/index.js";
import { runCli } from "../support/run-cli.js";
import { CLI_STORE_BACKENDS, type FreshStore } from "../support/store-backends.js";

const TOKEN_LINE = /^ggo_[0-9a-f]{8}_[\w-]{43}\n$/;

/** Everything the store holds, as a reader of the database (not of gonogo) sees it. */
async function rawStore(backend: string, location: string): Promise<string> {
  if (backend === "sqlite")
    return [location, `${location}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString("latin1"))
      .join("\n");
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    const tables = ["api_tokens", "audit_events"];
    const rows = await Promise.all(
      tables.map((t) => client.query(`select row_to_json(t)::text as row from ${t} t`)),
    );
    return rows.flatMap((r) => r.rows.map((row: { row: string }) => row.row)).join("\n");
  } finally {
    await client.end();
  }
}

for (const backend of CLI_STORE_BACKENDS)
  describe(`gonogo token on ${backend.name}`, () => {
    let fresh: FreshStore;
    const env = { GONOGO_USER: "ops" };
    const cli = (...args: string[]) => runCli(["token", ...args, "--store", fresh.location], { env });

    beforeAll(async () => {
      fresh = await backend.create();
    }, 60_000);
    afterAll(async () => {
      await fresh?.drop();
    });

    it("create prints the token once, on stdout alone; the store, the list and the audit never hold it", async () => {
      const created = await cli("create", "--name", "ci", "--role", "runner", "--expires", "90d");
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(TOKEN_LINE);
      const token = created.stdout.trim();
      const [prefix, secret] = [token.slice(0, 12), token.slice(13)];
      expect(created.stderr).toMatch(
        new RegExp(`^gonogo: created API token "ci" \\(${prefix}, runner; expires \\S+\\) in .+\\n`),
      );
      expect(created.stderr).toContain("it is shown once and will not be shown again\n");
      expect(created.stderr).not.toContain(secret);

      const list = await cli("list");
      const json = await cli("list", "--json");
      const audit = await runCli(["audit", "--json", "--store", fresh.location], { env });
      expect(list.stdout).toMatch(
        new RegExp(`^ci  ${prefix}, runner  created \\S+ by ops  expires \\S+  never used\\n$`),
      );
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({ name: "ci", prefix, role: "runner", createdBy: "ops", revokedAt: null }),
      ]);
      expect(JSON.parse(audit.stdout)).toContainEqual(
        expect.objectContaining({ action: "token-create", actor: "ops", subject: "token:ci" }),
      );
      const raw = await rawStore(backend.name, fresh.location);
      expect(raw).toContain(prefix); // the table was read: the row is there
      expect(raw).toContain("scrypt$16384$8$1$");
      for (const output of [list, json, audit, { stdout: raw, stderr: "" }]) {
        expect(output.stdout + output.stderr).not.toContain(secret);
        expect(output.stdout + output.stderr).not.toContain(token);
      }
      for (const output of [list, json, audit])
        expect(output.stdout).not.toMatch(/scrypt|secretHash|secret_hash/);

      const store = await openStore({ store: fresh.location, env });
      try {
        const result = await authenticate(store, token, new Date());
        expect(result).toMatchObject({ ok: true, principal: { name: "ci", role: "runner", prefix } });
      } finally {
        await store.close();
      }
    });

    it("a second live token of one name is a conflict (exit 2) and prints no token", async () => {
      expect((await cli("create", "--name", "dup", "--role", "viewer")).code).toBe(0);
      const again = await cli("create", "--name", "dup", "--role", "admin");
      expect(again.code).toBe(2);
      expect(again.stdout).toBe("");
      expect(again.stderr).toBe(
        'gonogo: an API token named "dup" already exists\n  revoke it first (gonogo token revoke "dup") or choose another name\n',
      );
    });

    it("revoke stops a token at once and frees its name; an unknown name is not-found (exit 2)", async () => {
      const created = await cli(
        "create",
        "--name",
        "deploy",
        "--role",
        "approver",
        "--signoff-role",
        "Security Lead",
      );
      const token = created.stdout.trim();
      const revoked = await cli("revoke", "deploy");
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toBe(
        `revoked API token "deploy" (${token.slice(0, 12)}, approver (Security Lead))\n`,
      );
      const store = await openStore({ store: fresh.location, env });
      try {
        expect(await authenticate(store, token, new Date())).toMatchObject({ ok: false, reason: "revoked" });
      } finally {
        await store.close();
      }
      const twice = await cli("revoke", "deploy");
      expect(twice.code).toBe(2);
      expect(twice.stderr).toMatch(/^gonogo: no live API token named "deploy" in /);
      expect((await cli("list")).stdout).not.toMatch(/^deploy /m);
      expect((await cli("list", "--all")).stdout).toMatch(/^deploy .* revoked \S+ {2}never used$/m);
      expect((await cli("create", "--name", "deploy", "--role", "viewer")).code).toBe(0);
      const events = JSON.parse(
        (await runCli(["audit", "--json", "--store", fresh.location], { env })).stdout,
      );
      expect(
        events
          .filter((e: { subject: string }) => e.subject === "token:deploy")
          .map((e: { action: string }) => e.action),
      ).toEqual(["token-create", "token-revoke", "token-create"]);
    });

    it("a token stops working when it expires, and the list says so", async () => {
      const created = await cli("create", "--name", "brief", "--role", "viewer", "--expires", "1s");
      expect(created.code, created.stderr).toBe(0);
      const token = created.stdout.trim();
      // Wait for the state (the list saying expired), never for a fixed time.
      let list = await cli("list");
      for (let tries = 0; !/^brief .* expired /m.test(list.stdout) && tries < 50; tries++)
        list = await cli("list");
      expect(list.stdout).toMatch(/^brief .* expired \S+ {2}never used$/m);
      const store = await openStore({ store: fresh.location, env });
      try {
        expect(await authenticate(store, token, new Date())).toMatchObject({ ok: false, reason: "expired" });
      } finally {
        await store.close();
      }
      const dated = await cli("create", "--name", "dated", "--role", "viewer", "--expires", "2099-12-31");
      expect(dated.stderr).toContain("expires 2100-01-01T00:00:00.000Z");
    });

    it("refuses what it cannot issue with exit 2 and prints no token", async () => {
      const refused: [string[], RegExp][] = [
        [["--name", "x", "--role", "root"], /--role root: expected one of viewer, runner, approver, admin/],
        [
          ["--name", "x", "--role", "runner", "--signoff-role", "CTO"],
          /a runner token cannot carry sign-off roles/,
        ],
        [
          ["--name", "x", "--role", "viewer", "--expires", "2020-01-01"],
          /--expires 2020-01-01: that day is past/,
        ],
        [["--name", "x", "--role", "viewer", "--expires", "2026-02-30"], /2026-02-30 is no date/],
        [
          ["--name", "x", "--role", "viewer", "--expires", "soon"],
          /expected a duration \(90d, 12h\) or a last day/,
        ],
        [["--name", "two words", "--role", "viewer"], /token name "two words": use 1-64 letters/],
        [["--role", "viewer"], /required option '--name <name>'/],
      ];
      for (const [args, message] of refused) {
        const run = await cli("create", ...args);
        expect(run.code, args.join(" ")).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(message);
      }
    });
  });
