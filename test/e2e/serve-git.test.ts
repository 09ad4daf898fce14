import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../support/db-context.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

const SECRET = "ghp_n0tAR3alT0ken";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

/** A real upstream repository: `main` with the checklist under docs/, and a `release` branch. */
function makeUpstream(root: string): string {
  const dir = join(root, "upstream");
  mkdirSync(join(dir, "docs"), { recursive: true });
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "config", "user.email", "t@example.test");
  git(dir, "config", "user.name", "t");
  writeFileSync(join(dir, "docs", "LAUNCH.md"), "# Orders\n\n- [x] Runbook written\n");
  writeFileSync(join(dir, "docs", "gonogo.yml"), "version: 1\nchecks: {}\n");
  git(dir, "add", "-A");
  git(dir, "commit", "--quiet", "-m", "first");
  git(dir, "branch", "release");
  return dir;
}

interface RunSummary {
  id: number;
  gitCommit: string | null;
}

describe("gonogo serve with services from git repositories", () => {
  let root: string;
  let upstream: string;
  let server: ServeProcess;
  let token: string;
  let port: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "gonogo-serve-git-"));
    upstream = makeUpstream(root);
    port = await closedPort();
    writeFileSync(
      join(root, "gonogo-server.yml"),
      [
        "services:",
        "  - name: orders",
        "    checklist: docs/LAUNCH.md",
        `    git: { url: "file://${upstream}", ref: main, refresh: 1h }`,
        "  - name: release",
        "    checklist: docs/LAUNCH.md",
        "    git: { url: upstream, ref: release }",
        "  - name: unknown-ref",
        "    checklist: docs/LAUNCH.md",
        "    git: { url: upstream, ref: no-such-branch }",
        "  - name: unreachable",
        "    checklist: docs/LAUNCH.md",
        `    git: { url: "https://ci:${SECRET}@127.0.0.1:${port}/orders.git", ref: main }`,
        "jobs: { retries: 1 }",
      ].join("\n"),
    );
    const store = join(root, "runs.db");
    token = await createToken(store, "ci", "runner");
    server = await startServe(["--config", join(root, "gonogo-server.yml"), "--store", store]);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  const runOf = (name: string) =>
    server.fetchAs(token, `/api/v1/checklists/${name}/runs`, { method: "POST" });
  const latestCommit = async (name: string) => {
    const runs = (await (await server.fetchAs(token, `/api/v1/checklists/${name}/runs?limit=1`)).json()) as {
      items: RunSummary[];
    };
    return runs.items[0]?.gitCommit;
  };

  it("verifies a service from its repository at a branch, and records the commit verified", async () => {
    const ran = await runOf("orders");
    expect(ran.status, await ran.clone().text()).toBe(201);
    expect(await latestCommit("orders")).toBe(git(upstream, "rev-parse", "main"));
    const released = await runOf("release");
    expect(released.status, await released.clone().text()).toBe(201);
    expect(await latestCommit("release")).toBe(git(upstream, "rev-parse", "release"));
    const listed = (await (await server.fetchAs(token, "/api/v1/checklists")).json()) as {
      items: { name: string; checklist: string }[];
    };
    // Known as a clone of the repository would record it, not by the server's checkout.
    expect(listed.items.find((s) => s.name === "orders")?.checklist).toBe(`${upstream}:docs/LAUNCH.md`);
  });

  it("picks up a new commit on the branch at the next run", async () => {
    writeFileSync(
      join(upstream, "docs", "LAUNCH.md"),
      "# Orders\n\n- [x] Runbook written\n- [ ] Pen test done\n",
    );
    git(upstream, "commit", "--quiet", "-am", "second");
    const second = git(upstream, "rev-parse", "main");
    const ran = await runOf("orders");
    const body = (await ran.json()) as { gitCommit: string; report: { items: { text: string }[] } };
    expect(ran.status).toBe(201);
    expect(body.gitCommit).toBe(second);
    expect(body.report.items.map((i) => i.text)).toContain("Pen test done");
    expect(await latestCommit("orders")).toBe(second);
    // The release branch did not move.
    await runOf("release");
    expect(await latestCommit("release")).not.toBe(second);
  });

  it("answers an unknown ref with a config error naming the service, the URL and the ref", async () => {
    const ran = await runOf("unknown-ref");
    const text = await ran.text();
    expect(ran.status, text).toBe(422);
    const { error } = JSON.parse(text) as { error: { kind: string; message: string } };
    expect(error.kind).toBe("config");
    expect(error.message).toContain(`service "unknown-ref": ${upstream} at ref "no-such-branch"`);
    expect(error.message).toContain("no such ref");
  });

  it("answers an unreachable repository with unavailable, naming service, repository, ref and git's reason, its token masked everywhere", async () => {
    const ran = await runOf("unreachable");
    const text = await ran.text();
    expect(ran.status, text).toBe(503);
    const { error } = JSON.parse(text) as { error: { kind: string; message: string; details?: string[] } };
    expect(error.kind).toBe("unavailable");
    // Not "job … failed after its retries": the last attempt's own error.
    expect(error.message).toContain(
      `service "unreachable": https://***@127.0.0.1:${port}/orders.git at ref "main": cannot fetch: fatal: `,
    );
    expect(error.message).toMatch(/connect/i);
    expect(error.details?.at(-1)).toMatch(/^job \S+ failed after 2 attempts/);
    expect(server.stderr()).toContain('service "unreachable": https://***@127.0.0.1:');
    expect(text).not.toContain(SECRET);
    expect(server.stderr()).not.toContain(SECRET);
    const listed = await (await server.fetchAs(token, "/api/v1/checklists")).text();
    expect(listed).toContain("unreachable");
    expect(listed).not.toContain(SECRET);
    // The dashboard says it too, on the service's page.
    const page = await (
      await server.fetch("/checklists/unreachable", { headers: { cookie: await signIn() } })
    ).text();
    expect(page).toContain("Its repository could not be read");
    expect(page).toContain(`https://***@127.0.0.1:${port}/orders.git at ref &quot;main&quot;`);
    expect(page).not.toContain(SECRET);
  });

  /** A browser session opened with the token, as a person signs in: its cookies. */
  async function signIn(): Promise<string> {
    const form = await server.fetch("/sign-in");
    const cookies = form.headers.getSetCookie().map((c) => c.split(";")[0]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const signed = await server.fetch("/sign-in", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
      body: new URLSearchParams({ token, _csrf: csrf }).toString(),
    });
    expect(signed.status).toBe(303);
    return [...cookies, ...signed.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  }
});
