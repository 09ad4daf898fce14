import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { collectFacts } from "./item-facts.js";
import { codeSpans, itemSource } from "./source-spans.js";

function facts(markdown: string) {
  const checklist = parseText(markdown);
  const all = collectFacts(checklist);
  return checklist.items.map((i) => all.get(i.id));
}

describe("item facts", () => {
  it("reads code spans from the item's source line, which the model's text has lost", () => {
    const checklist = parseText(
      "# T\n\n> - [ ] Alert rules in `rules/bargain.yaml` active\n- [x] ``a`b`` and `npm test`\n",
    );
    const [first, second] = checklist.items;
    expect(first?.text).toBe("Alert rules in rules/bargain.yaml active");
    expect(itemSource(checklist, first as never)).toBe("Alert rules in `rules/bargain.yaml` active");
    expect(codeSpans(itemSource(checklist, second as never))).toEqual(["a`b", "npm test"]);
  });

  it("follows an item's text onto its continuation lines", () => {
    const [item] = facts("- [ ] Pass golden verification\n  (`npm run verify:golden`)\n- [ ] next\n");
    expect(item?.commands).toEqual(["npm run verify:golden"]);
  });

  it("finds paths, methods, files, commands, metrics, variables and alert names", () => {
    const [a, b, c, d, e] = facts(
      [
        "- [ ] PATCH /api/agents/quotes/[id] updates quote",
        "- [ ] Liveness probe (/health/liveness), see docker-compose.yml",
        "- [ ] `bargain_offerability_ms` and `bargain_model_infer_ms` histograms",
        "- [ ] `TELEGRAM_BOT_TOKEN` set; run `npm run verify:golden`",
        "- [ ] BargainLatencyP95High alert (>300ms) triggers correctly",
        "",
      ].join("\n"),
    );
    expect([a?.paths, a?.method]).toEqual([["/api/agents/quotes/[id]"], "PATCH"]);
    expect([b?.paths, b?.files]).toEqual([["/health/liveness"], ["docker-compose.yml"]]);
    expect(c?.metrics).toEqual(["bargain_offerability_ms", "bargain_model_infer_ms"]);
    expect([d?.envVars, d?.commands, d?.files]).toEqual([
      ["TELEGRAM_BOT_TOKEN"],
      ["npm run verify:golden"],
      [],
    ]);
    expect(e?.alerts).toEqual(["BargainLatencyP95High"]);
  });

  it("does not take a SQL function or a ratio for a metric, nor '75ms / 100 images' for a path", () => {
    const [a, b] = facts(
      "- [ ] Never-loss function `ai.assert_never_loss()` operational\n- [ ] Runtime ≤ 75ms / 100 images\n",
    );
    expect(a?.metrics).toEqual([]);
    expect(b?.paths).toEqual([]);
  });

  it("knows the checklist's schema and histogram, and the section as context", () => {
    const [, views, nonRoot] = facts(
      "## Database\n- [ ] All 15+ tables in `ai` schema exist\n- [ ] 3+ materialized views\n## Containerization\n- [ ] Non-root user\n",
    );
    expect(views?.schema).toBe("ai");
    expect(nonRoot?.context).toContain("containerization");
  });
});
