import type { Principal } from "../auth/index.js";
import { age } from "./age.js";
import { html, type SafeHtml } from "./html.js";
import { layout } from "./layout.js";
import { sparkline } from "./sparkline.js";

/** One service as the list shows it, from its latest complete run and its recent history. */
export interface ServiceRow {
  name: string;
  owner: string | null;
  verdict: "GO" | "NO-GO" | null;
  verifiedPct: number | null;
  claimedPct: number | null;
  failing: number | null;
  lastRunAt: string | null;
  runId: number | null;
  history: { verifiedPct: number; verdict: "GO" | "NO-GO" }[];
}

export const SORT_KEYS = ["verdict", "name", "verified", "claimed", "age", "failing"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
  q?: string;
  verdict?: string;
  sort?: string;
  dir?: string;
  page?: string;
}

/** Services a list page shows: a page of a thousand services would be a megabyte and a second to build. */
export const LIST_PAGE_SIZE = 100;

/** The page asked for (`?page=2`), 1 when absent or not a page number. */
export function listPageNumber(query: ListQuery): number {
  const page = Number(query.page);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

// NO-GO first: what needs someone reads first; a service never run is not ready either.
const VERDICT_RANK = { "NO-GO": 0, none: 1, GO: 2 } as const;

const KEYS: Record<SortKey, (row: ServiceRow) => number | string> = {
  verdict: (r) => VERDICT_RANK[r.verdict ?? "none"],
  name: (r) => r.name.toLowerCase(),
  verified: (r) => r.verifiedPct ?? -1,
  claimed: (r) => r.claimedPct ?? -1,
  age: (r) => (r.lastRunAt ? -Date.parse(r.lastRunAt) : Number.POSITIVE_INFINITY),
  failing: (r) => r.failing ?? -1,
};

const isSortKey = (text: string | undefined): text is SortKey =>
  (SORT_KEYS as readonly string[]).includes(text ?? "");

/** Names in the order `localeCompare` gives, without its cost per call. */
const byName = new Intl.Collator().compare;

/** Filters (`q` in name or owner, `verdict`) and sorts (`sort`, `dir`) as the query asks; verdict first by default. */
export function arrangeRows(rows: ServiceRow[], query: ListQuery): ServiceRow[] {
  const needle = (query.q ?? "").trim().toLowerCase();
  const verdict = query.verdict ?? "";
  const sort = isSortKey(query.sort) ? query.sort : "verdict";
  const sign = query.dir === "desc" ? -1 : 1;
  const key = KEYS[sort];
  // Each row's key once, not twice a comparison: a thousand services take ten thousand comparisons.
  return rows
    .filter(
      (r) =>
        needle === "" ||
        r.name.toLowerCase().includes(needle) ||
        (r.owner ?? "").toLowerCase().includes(needle),
    )
    .filter((r) => verdict === "" || (r.verdict ?? "none") === verdict)
    .map((r) => ({ row: r, key: key(r) }))
    .sort((a, b) => {
      const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return order * sign || byName(a.row.name, b.row.name);
    })
    .map(({ row }) => row);
}

const pct = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)}%`);

function verdictPill(verdict: "GO" | "NO-GO" | null): SafeHtml {
  const kind = verdict === "GO" ? "go" : verdict === "NO-GO" ? "nogo" : "none";
  return html`<span class="verdict-pill ${kind}">${verdict ?? "no run"}</span>`;
}

function sortHeader(label: string, key: SortKey, query: ListQuery, numeric = false): SafeHtml {
  const current = isSortKey(query.sort) ? query.sort : "verdict";
  const dir = current === key && query.dir !== "desc" ? "desc" : "asc";
  const params = new URLSearchParams({
    ...(query.q ? { q: query.q } : {}),
    ...(query.verdict ? { verdict: query.verdict } : {}),
    sort: key,
    dir,
  });
  const arrow = current === key ? (query.dir === "desc" ? " ▼" : " ▲") : "";
  return html`<th class="${numeric ? "num" : ""}" aria-sort="${current === key ? (query.dir === "desc" ? "descending" : "ascending") : "none"}"><a class="${current === key ? "on" : ""}" href="/?${params.toString()}">${label}${arrow}</a></th>`;
}

function row(r: ServiceRow, now: Date): SafeHtml {
  return html`<tr data-service="${r.name}">
<td>${verdictPill(r.verdict)}</td>
<td><a href="/checklists/${encodeURIComponent(r.name)}">${r.name}</a>${r.owner ? html`<div class="muted">${r.owner}</div>` : ""}</td>
<td class="num">${pct(r.verifiedPct)}</td>
<td class="num">${pct(r.claimedPct)}</td>
<td>${sparkline(r.history)}</td>
<td class="num">${r.lastRunAt ? html`<a href="/runs/${String(r.runId)}" title="${r.lastRunAt}">${age(r.lastRunAt, now)} ago</a>` : "–"}</td>
<td class="num ${r.failing ? "nogo-text" : ""}">${r.failing ?? "–"}</td>
</tr>`;
}

/** `/`: every service, verdict first, filterable and sortable by query parameters (no script needed). */
export function listPage(options: {
  /** The page's rows, arranged (`arrangeRows`) and cut to the page already. */
  rows: ServiceRow[];
  /** Every service's GO count and total, and how many matched the filter. */
  counts: { go: number; total: number; matched: number };
  query: ListQuery;
  now: Date;
  principal: Principal;
  csrf: string;
}): string {
  const { query, now, rows, counts } = options;
  const page = listPageNumber(query);
  const pages = Math.max(1, Math.ceil(counts.matched / LIST_PAGE_SIZE));
  const pageLink = (to: number, label: string) => {
    const params = new URLSearchParams(
      Object.entries({ ...query, page: String(to) }).filter((entry): entry is [string, string] => !!entry[1]),
    );
    return html`<a href="/?${params.toString()}">${label}</a>`;
  };
  const option = (value: string, label: string) =>
    html`<option value="${value}"${(query.verdict ?? "") === value ? html` selected` : ""}>${label}</option>`;
  const body = html`<section class="card">
<h1>Services</h1>
<p class="muted">${counts.go} of ${counts.total} GO · verdict first, then what blocks it: open a service.</p>
<form class="filters" method="get" action="/">
<input type="text" name="q" placeholder="filter by name or owner" value="${query.q ?? ""}" aria-label="filter">
<select name="verdict" aria-label="verdict">${option("", "any verdict")}${option("NO-GO", "NO-GO")}${option("GO", "GO")}${option("none", "no run")}</select>
${isSortKey(query.sort) ? html`<input type="hidden" name="sort" value="${query.sort}"><input type="hidden" name="dir" value="${query.dir === "desc" ? "desc" : "asc"}">` : ""}
<button type="submit">Filter</button>
</form>
<table id="services">
<thead><tr>${sortHeader("Verdict", "verdict", query)}${sortHeader("Service", "name", query)}${sortHeader("Verified", "verified", query, true)}${sortHeader("Claimed", "claimed", query, true)}<th>Readiness</th>${sortHeader("Last run", "age", query, true)}${sortHeader("Failing", "failing", query, true)}</tr></thead>
<tbody>${rows.map((r) => row(r, now))}</tbody>
</table>
${rows.length === 0 ? html`<p class="muted">No service matches.</p>` : ""}
${pages > 1 ? html`<p class="muted">Page ${page} of ${pages} (${counts.matched} services) ${page > 1 ? pageLink(page - 1, "← previous") : ""} ${page < pages ? pageLink(page + 1, "next →") : ""}</p>` : ""}
</section>`;
  return layout({ title: "Services", body, csrf: options.csrf, principal: options.principal });
}
