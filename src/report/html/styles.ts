/** The page's only stylesheet, inlined: system fonts, no url(), nothing fetched. */
export const STYLES = `
:root { --go: #1a7f37; --nogo: #cf222e; --warn: #9a6700; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328; background: var(--bg); }
main { max-width: 1040px; margin: 0 auto; padding: 24px; }
h1, h2, h3 { margin: 0 0 8px; line-height: 1.25; }
h2 { font-size: 18px; } h3 { font-size: 15px; margin-top: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
.banner { border-radius: 8px; padding: 20px 24px; margin-bottom: 16px; color: #fff; }
.banner.go { background: var(--go); } .banner.nogo { background: var(--nogo); } .banner.none { background: var(--muted); }
.banner .verdict { font-size: 40px; font-weight: 800; letter-spacing: 1px; margin-right: 16px; }
.banner .title { font-size: 22px; font-weight: 600; }
.banner p { margin: 6px 0 0; opacity: .92; }
.muted { color: var(--muted); margin: 0 0 8px; }
.go-text { color: var(--go); font-weight: 600; } .nogo-text { color: var(--nogo); font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .4px; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.mark-ok { color: var(--go); font-weight: 700; } .mark-bad { color: var(--nogo); font-weight: 700; }
svg.bar { width: 160px; height: 10px; vertical-align: middle; }
.bar .track { fill: #e6eaef; } .bar .claimed { fill: #d4a72c; } .bar .verified { fill: var(--go); }
ul.items { list-style: none; margin: 0; padding: 0; }
li.item { padding: 6px 0; border-bottom: 1px solid #eef1f4; }
li.item:last-child { border-bottom: 0; }
.depth-1 { padding-left: 24px !important; } .depth-2 { padding-left: 48px !important; } .depth-3 { padding-left: 72px !important; }
.depth-4, .depth-5, .depth-6 { padding-left: 96px !important; }
.badge { display: inline-block; min-width: 68px; text-align: center; font-size: 11px; font-weight: 700; text-transform: uppercase;
  border-radius: 10px; padding: 1px 8px; margin-right: 8px; color: #fff; }
.s-pass, .s-attested { background: var(--go); } .s-fail, .s-error { background: var(--nogo); }
.s-claimed { background: var(--warn); } .s-open { background: #818b98; } .s-waived { background: #c8d1da; color: #1f2328; }
.where { color: var(--muted); font-size: 12px; margin-left: 6px; }
.reason { color: var(--muted); font-size: 12px; margin: 2px 0 0 84px; }
.reason.void { color: var(--nogo); }
details { margin: 4px 0 0 84px; }
summary { cursor: pointer; color: var(--muted); font-size: 12px; }
pre { margin: 4px 0; padding: 8px 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px;
  font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
svg.chart { width: 100%; max-width: 640px; height: auto; display: block; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.chart .grid { stroke: #e6eaef; } .chart .tick, .chart .legend { font: 11px system-ui, sans-serif; fill: #59636e; }
svg.chart.timeline { max-width: 100%; }
table.standing th { width: 140px; text-transform: none; font-size: 13px; letter-spacing: 0; }
#events details { margin: 2px 0 0; }
#events td { font-size: 13px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 24px; }
@media print { body { background: #fff; } .card { break-inside: avoid; } details { display: block; } }
`;
