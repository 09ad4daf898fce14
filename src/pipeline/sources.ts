import { createHash } from "node:crypto";
import { type Checklist, decodeChecklistSource, parseChecklist } from "../checklist/index.js";
import {
  type ConfigInputs,
  createYamlSourceCache,
  decodeConfigText,
  type LoadedConfig,
  parseConfig,
} from "../config/index.js";

/**
 * A document handed to the pipeline: where it comes from (`path`, shown in messages and reports)
 * and its bytes. A caller that reads a file passes a function, so documents are read one after
 * the other and the first unreadable one is the error reported; a server passes the bytes it got.
 */
export interface Source {
  path: string;
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

async function bytesOf(source: Source): Promise<Uint8Array> {
  return typeof source.bytes === "function" ? source.bytes() : source.bytes;
}

/** Decodes and parses the checklist (GonogoError, exit 2, for UTF-16 or binary bytes). */
export async function readChecklist(source: Source): Promise<Checklist> {
  return parseChecklist(decodeChecklistSource(source.path, await bytesOf(source)));
}

// One per process: a worker or a server verifying the same services again parses each unchanged
// gonogo.yml once (keyed by the text's sha256; see createYamlSourceCache).
const yamlSources = createYamlSourceCache();

/**
 * Interpolates and validates gonogo.yml; also the sha256 of its bytes, which a recorded run keeps
 * to tell which config judged it. Relative paths in it resolve against the folder of `path`.
 */
export async function readConfig(
  source: Source,
  inputs: ConfigInputs,
): Promise<{ loaded: LoadedConfig; sha256: string }> {
  const bytes = await bytesOf(source);
  const loaded = parseConfig(source.path, decodeConfigText(bytes), inputs, yamlSources);
  return { loaded, sha256: createHash("sha256").update(bytes).digest("hex") };
}
