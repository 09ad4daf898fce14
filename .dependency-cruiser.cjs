/**
 * Import rules for src/, checked by `npm run lint` (dependency-cruiser). docs/architecture.md
 * explains each rule in words; this file and that page say the same thing, so change both.
 *
 * LAYERS lists src/'s folders from the bottom up. A folder may import its own files and the
 * folders of lower rows; never a folder of its own row (peers stay independent) nor of a higher one.
 * A folder that is in no row is an error until it is given one.
 */
const LAYERS = [
  ["core"], // vocabulary: observations, units, statuses, check results, errors
  ["redact", "model"], // masking secrets; the JSON report model (zod)
  ["checklist", "expect", "probes"], // read Markdown; the expectation language; measurements
  ["lint", "config"], // findings on the document; gonogo.yml (probe definitions only)
  ["engine"], // plan (bind checks to items) and run checks
  ["verdict", "infer"], // statuses, scores, gates; propose a gonogo.yml from item text
  ["report"], // renderers (text, json, junit, markdown, html)
  ["store", "attestation"], // runs and evidence; signed readiness statements
  ["pipeline", "notify"], // verifyChecklist(input, context): the one path every caller takes; notifications of what changed
  ["jobs"], // the job queue (pg-boss or in process), schedules, target locks: no knowledge of services
  ["server", "worker", "rollout"], // long-running callers of the pipeline (server/pages/, server/session/: the dashboard and browser sign-in)
  ["cli"], // commands; the only folder that touches process
];

const KNOWN = LAYERS.flat();
const alternatives = (names) => names.join("|");

/** One rule per folder: what it must not import (its peers and every folder above it). */
function layerRules() {
  return LAYERS.flatMap((row, rank) =>
    row.flatMap((folder) => {
      const above = [...row.filter((peer) => peer !== folder), ...LAYERS.slice(rank + 1).flat()];
      if (above.length === 0) return [];
      return [
        {
          name: `layer-${folder}`,
          severity: "error",
          comment: `src/${folder}/ may import only ${describeBelow(rank)}: imports point down the layers (docs/architecture.md)`,
          from: { path: `^src/${folder}/` },
          to: { path: `^src/(${alternatives(above)})/` },
        },
      ];
    }),
  );
}

function describeBelow(rank) {
  const below = LAYERS.slice(0, rank).flat();
  return below.length === 0 ? "its own files" : `its own files and ${below.join(", ")}`;
}

module.exports = {
  forbidden: [
    ...layerRules(),
    {
      name: "folder-not-in-layers",
      severity: "error",
      comment:
        "every module of src/ sits in a folder of the layer table (.dependency-cruiser.cjs, docs/architecture.md): give the folder a row",
      from: { path: "^src/" },
      to: { path: `^src/(?!(${alternatives(KNOWN)})/)` },
    },
    {
      name: "loose-module-in-src",
      severity: "error",
      comment:
        "every module of src/ sits in a folder of the layer table (.dependency-cruiser.cjs, docs/architecture.md): move it into one",
      from: { path: `^src/(?!(${alternatives(KNOWN)})/)` },
      to: { path: "^src/" },
    },
    {
      name: "probe-imports-another-probe",
      severity: "error",
      comment:
        "a probe imports only its own folder, probes/shared/ and probes/types.ts: move what two probes share into probes/shared/",
      from: { path: "^src/probes/([^/]+)/", pathNot: "^src/probes/shared/" },
      to: { path: "^src/probes/", pathNot: "^src/probes/($1|shared)/|^src/probes/types[.]ts$" },
    },
    {
      name: "probe-shared-imports-a-probe",
      severity: "error",
      comment: "probes/shared/ is below every probe: it imports no probe's folder and not the registry",
      from: { path: "^src/probes/shared/" },
      to: { path: "^src/probes/", pathNot: "^src/probes/(shared/|types[.]ts$)" },
    },
    {
      name: "probe-internals-from-outside",
      severity: "error",
      comment:
        "outside probes/, a probe is reached through probes/registry.ts (its definition) and probes/types.ts (the contract), never its files",
      from: { path: "^src/", pathNot: "^src/probes/" },
      to: { path: "^src/probes/", pathNot: "^src/probes/(registry|types)[.]ts$" },
    },
    {
      name: "probes-known-by-name-only",
      severity: "error",
      comment:
        "only config/, engine/ and the callers above them (pipeline/, server/, worker/, rollout/, cli/) use probes; verdicts, reports and the store know a probe by its name in a check result",
      from: { path: "^src/", pathNot: "^src/(probes|config|engine|pipeline|server|worker|rollout|cli)/" },
      to: { path: "^src/probes/" },
    },
    {
      name: "registry-lists-definitions",
      severity: "error",
      comment:
        "the registry imports each probe's definition (<probe>/index.ts) only; the runner is loaded with import() when a check runs",
      from: { path: "^src/probes/registry[.]ts$" },
      to: { path: "^src/probes/", pathNot: "^src/probes/([^/]+/index|types)[.]ts$" },
    },
    {
      name: "runner-loaded-lazily",
      severity: "error",
      comment:
        "a probe's runner (and the drivers it holds) is loaded with `await import()` when a check runs, so loading a config stays cheap",
      from: {},
      to: { path: "^src/probes/[^/]+/runner[.]ts$", dependencyTypesNot: ["dynamic-import"] },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "modules that import each other in a circle: one of them holds what both need, or a lower layer does",
      from: {},
      to: { circular: true },
    },
    {
      name: "source-imports-tests",
      severity: "error",
      comment: "src/ never imports test/ code",
      from: { path: "^src/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    // Rules hold for the shipped code; a test may reach across layers to build its fixtures.
    exclude: { path: "[.]test[.]ts$|/fixtures/" },
    doNotFollow: { path: "node_modules" },
    parser: "swc",
    reporterOptions: { text: { highlightFocused: true } },
  },
};
