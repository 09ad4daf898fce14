import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { type ItemStatus, leastReady } from "../core/item-status.js";
import { resolveStatuses } from "./item-status.js";
import { summarize } from "./score.js";

describe("item statuses", () => {
  it("orders readiness fail < error < open < claimed < attested < pass, waived left out", () => {
    expect(leastReady(["pass", "claimed", "attested"])).toBe("claimed");
    expect(leastReady(["pass", "error", "fail"])).toBe("fail");
    expect(leastReady(["waived", "pass"])).toBe("pass");
    expect(leastReady(["waived", "waived"])).toBe("waived");
  });

  it("gives a parent without evidence the least ready status of its children, at any depth", () => {
    const doc = parseText("- [x] parent\n  - [x] child\n    - [ ] grandchild\n- [x] other\n");
    const statuses = resolveStatuses(doc, new Map());
    expect([...statuses.values()].reverse()).toEqual(["open", "open", "open", "claimed"]);
  });

  it("keeps a parent's own evidence over its children's", () => {
    const doc = parseText("- [ ] parent\n  - [ ] child\n");
    const own = new Map<string, ItemStatus>([[doc.items[0]?.id ?? "", "pass"]]);
    expect(resolveStatuses(doc, own).get(doc.items[0]?.id ?? "")).toBe("pass");
  });

  it("scores verified and claimed percent of applicable items", () => {
    const summary = summarize(["pass", "attested", "claimed", "open", "fail", "waived"]);
    expect(summary).toMatchObject({ items: 6, applicable: 5, verifiedPct: 40, claimedPct: 60 });
    expect(summarize([]).claimedPct).toBe(0);
  });
});
