import { describe, expect, it } from "vitest";
import { resolveDatabase } from "./database-url.js";

const ctx = (target: { url?: string; path?: string }) => ({
  targets: { db: { name: "db", ...target } },
  baseDir: "/srv/app",
});

describe("resolveDatabase", () => {
  it("picks the dialect from the scheme and masks the password in the label", () => {
    const pg = resolveDatabase("db", ctx({ url: "postgresql://app:p%40ss@db:5432/app?sslmode=require" }));
    expect(pg).toEqual({
      dialect: "postgres",
      location: "postgresql://app:p%40ss@db:5432/app?sslmode=require",
      label: "db (postgresql://app:****@db:5432/app?sslmode=require)",
      secrets: ["p%40ss", "p@ss"],
    });
    expect(resolveDatabase("db", ctx({ url: "postgres://db/app" })).dialect).toBe("postgres");
    expect(resolveDatabase("db", ctx({ url: "mysql://root@db/app" })).dialect).toBe("mysql");
    expect(resolveDatabase("db", ctx({ url: "MariaDB://root@db/app" })).dialect).toBe("mysql");
  });

  it("reads SQLite files from sqlite: and file: URLs, bare paths and the target's path", () => {
    const files = [
      [{ url: "sqlite:data/app.db" }, "/srv/app/data/app.db"],
      [{ url: "sqlite:///var/lib/app.db" }, "/var/lib/app.db"],
      [{ url: "file:///var/lib/app.db" }, "/var/lib/app.db"],
      [{ url: "./app.db" }, "/srv/app/app.db"],
      [{ url: "/var/lib/app.db" }, "/var/lib/app.db"],
      [{ path: "app.db" }, "/srv/app/app.db"],
    ] as const;
    for (const [target, file] of files) {
      expect(resolveDatabase("db", ctx(target))).toMatchObject({
        dialect: "sqlite",
        location: file,
        label: `db (sqlite:${file})`,
      });
    }
  });

  it("throws config errors for an unknown target, a target without url, another scheme", () => {
    expect(() => resolveDatabase("nope", ctx({ url: "postgres://db/app" }))).toThrow(
      'sql: unknown target "nope"',
    );
    expect(() => resolveDatabase("db", ctx({}))).toThrow('sql: target "db" has no url');
    expect(() => resolveDatabase("db", ctx({ url: "https://u:secret@db/x" }))).toThrow(
      'sql: target "db" is not a database URL: https://u:****@db/x',
    );
  });
});
