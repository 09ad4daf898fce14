export declare function parseText(
  text: string,
  path?: string,
): import("../../src/checklist/model.js").Checklist;
export declare function parseBytes(
  bytes: Uint8Array,
  path?: string,
): import("../../src/checklist/model.js").Checklist;
