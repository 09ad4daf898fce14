import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { openStore } from "./open-store.js";
import { storeFailureError } from "./store-failure.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "gonogo-store-errors-"));

describe("the kind of a store's error", () => {
  it("is unavailable for a Postgres server that cannot be reached, keeping the driver's error", async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const url = "postgres://postgres@127.0.0.1:1/gonogo_errors";
    const failure = await openStore({ store: url }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GonogoError);
    expect(failure).toMatchObject({
      kind: "unavailable",
      message:
        "store postgres://postgres@127.0.0.1:1/gonogo_errors: cannot connect: connect ECONNREFUSED 127.0.0.1:1",
      cause: expect.objectContaining({ code: "ECONNREFUSED" }),
    });
  });

  it("is unavailable for a file that is not a SQLite database, keeping SQLite's error", async () => {
    const file = join(tempDir(), "notes.md");
    writeFileSync(file, "# not a database, but long enough to have a header page\n".repeat(20));
    await expect(openStore({ store: file })).rejects.toMatchObject({
      kind: "unavailable",
      message: `store ${file}: cannot open: it is not a SQLite database (is it the store file?) (SQLITE_NOTADB)`,
      cause: expect.objectContaining({ code: "SQLITE_NOTADB" }),
    });
  });

  it("is not-found for a store a reading command names that is not there", async () => {
    await expect(openStore({ store: join(tempDir(), "none.db"), existing: true })).rejects.toMatchObject({
      kind: "not-found",
      message: expect.stringMatching(/^no store at /),
    });
  });

  it("wraps a failure of the store's disk as unavailable with the original as cause, and leaves a bug as it is", () => {
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const wrapped = storeFailureError("runs.db", full);
    expect(wrapped).toMatchObject({
      kind: "unavailable",
      message: "store runs.db: the disk is full (SQLITE_FULL)",
    });
    expect((wrapped as GonogoError).cause).toBe(full);
    const bug = new TypeError("x is undefined");
    expect(storeFailureError("runs.db", bug)).toBe(bug);
  });
});
