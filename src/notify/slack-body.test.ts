import { describe, expect, it } from "vitest";
import { backoffBefore } from "./deliver.js";
import type { Notification } from "./notification.js";
import { slackBody } from "./slack-body.js";

const notification = (items: Notification["items"]): Notification => ({
  id: "n1",
  kind: "item-regressed",
  service: "orders",
  owner: "payments",
  checklist: "orders/LAUNCH.md",
  link: "https://gonogo.example/checklists/orders",
  runId: 7,
  verdict: null,
  items,
  summary: "orders: 2 items regressed",
  at: "2026-05-01T10:00:00.000Z",
});

describe("the Slack body", () => {
  it("escapes what mrkdwn would read as markup in item text, and shows each change", () => {
    const body = JSON.parse(
      slackBody(notification([{ id: "a", text: "p95 <300ms & <b>", before: "pass", after: "fail" }])),
    );
    expect(body.blocks[1].text.text).toBe("• p95 &lt;300ms &amp; &lt;b&gt; (pass → fail)");
    expect(body.blocks[2].elements[0].text).toBe("gonogo · item-regressed · run #7");
  });

  it("lists at most 20 items, then says how many more", () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ id: `i${i}`, text: `Item ${i}` }));
    const lines = JSON.parse(slackBody(notification(items))).blocks[1].text.text.split("\n");
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe("… and 5 more");
  });
});

describe("the retry backoff", () => {
  it("doubles from the first wait and never exceeds the cap", () => {
    const retry = { attempts: 8, backoffMs: 1000, maxBackoffMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffBefore(n, retry))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
