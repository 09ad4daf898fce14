export type { Diagnostic, DiagnosticKind, VerifyEvent } from "./events.js";
export type { Regressions } from "./finish-recording.js";
export type { ItemSelection } from "./select-checks.js";
export type { Source } from "./sources.js";
export type { GitState } from "./start-recording.js";
export {
  type VerifyContext,
  type VerifyInput,
  type VerifyOutcome,
  verifyChecklist,
} from "./verify-checklist.js";
