import { describe, expect, it } from "vitest";
import type { Principal } from "../auth/index.js";
import { arrangeRows, LIST_PAGE_SIZE, listPage, listPageNumber, type ServiceRow } from "./list-page.js";

const viewer: Principal = {
  tokenId: 1,
  name: "someone",
  prefix: "ggo_00000001",
  role: "viewer",
  signoffRoles: [],
  via: "session",
};

const service = (n: number): ServiceRow => ({
  name: `svc-${String(n).padStart(3, "0")}`,
  owner: "payments",
  verdict: n % 2 === 0 ? "GO" : "NO-GO",
  verifiedPct: n % 100,
  claimedPct: 100,
  failing: n % 2,
  lastRunAt: "2026-05-01T11:00:00.000Z",
  runId: n,
  history: [],
});

describe("the services list, a page at a time", () => {
  it("shows the page asked for and links to its neighbours, keeping the filter and the sort", () => {
    const all = Array.from({ length: 250 }, (_, n) => service(n));
    const query = { q: "svc", sort: "name", dir: "asc", page: "2" };
    const arranged = arrangeRows(all, query);
    const page = listPageNumber(query);
    const rows = arranged.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
    const text = listPage({
      rows,
      counts: { go: 125, total: 250, matched: arranged.length },
      query,
      now: new Date("2026-05-01T12:00:00.000Z"),
      principal: viewer,
      csrf: "tok",
    });
    expect(text).toContain("125 of 250 GO");
    expect(text).toContain("Page 2 of 3 (250 services)");
    expect(text).toContain("svc-100");
    expect(text).not.toContain("svc-099<");
    expect(text).not.toContain("svc-200<");
    expect(text).toContain('href="/?q=svc&amp;sort=name&amp;dir=asc&amp;page=1"');
    expect(text).toContain('href="/?q=svc&amp;sort=name&amp;dir=asc&amp;page=3"');
  });

  it("reads a page number that is not one as the first page", () => {
    for (const page of [undefined, "0", "-1", "two", "1.5"]) expect(listPageNumber({ page })).toBe(1);
    expect(listPageNumber({ page: "3" })).toBe(3);
  });
});
