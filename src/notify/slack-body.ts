import type { Notification, NotifiedItem } from "./notification.js";

/** Slack shows at most 50 blocks and 3000 characters a text field: long lists are cut, saying so. */
const MAX_ITEMS = 20;
const MAX_TEXT = 2900;

const EMOJI: Record<Notification["kind"], string> = {
  "verdict-changed": ":vertical_traffic_light:",
  "item-regressed": ":small_red_triangle_down:",
  "signoff-voided": ":no_entry_sign:",
  "attestation-expiring": ":hourglass_flowing_sand:",
  "waiver-expiring": ":hourglass_flowing_sand:",
};

/** Slack's mrkdwn needs &, < and > escaped; nothing else in item text is markup to it that matters here. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function itemLine(item: NotifiedItem): string {
  const change = item.before && item.after ? ` (${item.before} → ${item.after})` : "";
  const extra = [item.by && `by ${item.by}`, item.expiresAt && `expires ${item.expiresAt}`, item.reason]
    .filter(Boolean)
    .join(", ");
  return `• ${escapeMrkdwn(item.text)}${change}${extra ? ` — ${escapeMrkdwn(extra)}` : ""}`;
}

/**
 * A Slack incoming-webhook body: `text` (what notifications and old clients show) and `blocks`
 * (the summary with a link to the checklist page, then the items).
 */
export function slackBody(notification: Notification): string {
  const link = `<${notification.link}|${escapeMrkdwn(notification.service)}>`;
  const headline = `${EMOJI[notification.kind]} ${escapeMrkdwn(notification.summary)}`;
  const shown = notification.items.slice(0, MAX_ITEMS).map(itemLine);
  const more = notification.items.length - shown.length;
  if (more > 0) shown.push(`… and ${more} more`);
  const list = shown.join("\n").slice(0, MAX_TEXT);
  return JSON.stringify({
    text: `${notification.summary}: ${notification.link}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${headline}\n${link}` } },
      ...(list ? [{ type: "section", text: { type: "mrkdwn", text: list } }] : []),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `gonogo · ${notification.kind}${notification.runId === null ? "" : ` · run #${notification.runId}`}`,
          },
        ],
      },
    ],
  });
}
