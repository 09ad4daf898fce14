/**
 * Whether a sentence states that this work is ready or done ("✅ IMPLEMENTATION COMPLETE - READY
 * FOR DEPLOYMENT", "Status: READY FOR PRODUCTION", "We are ready to launch"), as opposed to
 * using the words about something else: a future or a condition ("will prepare you to launch",
 * "once every box is ticked"), a purpose ("ensures the service is ready"), a question, or a
 * noun phrase ("production-ready clusters", a book called "Production-Ready Microservices").
 */

// "ready for production", "ready to launch", "production-ready", "is ready": the ready word in a
// form that can state readiness. Shouted READY/COMPLETE/DONE state it in a banner.
const READY_FOR =
  /\bready\s+(?:for|to)\s+(?:production|prod|deployment|deploy|launch|rollout|roll\s+out|go-?live|go\s+live|release|ship|merge)\b/gi;
const COMPOUND_READY = /\b(?:production|prod|launch|release|deploy(?:ment)?)[- ]ready\b/gi;
const IS_READY = /\b(?:is|are|am|(?<=\w)['’]s|(?<=\w)['’]re)\s+(?:(?:now|fully|all|officially)\s+)*ready\b/gi;
const SHOUTED_DONE = /\b(?:READY|COMPLETE|COMPLETED|DONE)\b/g;

// Words that may follow a ready word in a claim: "READY FOR …", "production-ready and tested",
// "READY - deploy". Any other word after it makes it an adjective before a noun ("production-ready
// clusters") or a verb ("COMPLETE THIS LIST"): not a claim.
const CONTINUES_CLAIM =
  /^(?:and|or|but|now|today|as|since|for|to|with|at|in|on|by|from|because|so|yet|already|again|per)$/i;

// Before the ready word: a future, a modal, a purpose. Anywhere in the sentence: a condition.
const NOT_YET =
  /\b(?:will|would|should|shall|must|can|could|may|might|going\s+to|needs?\s+to|ha(?:s|ve)\s+to|wants?\s+to|aims?\s+to|prepares?|helps?|ensures?|to\s+(?:be|get|become|make|reach|stay|keep))\b|\w['’]ll\b/i;
const CONDITION = /\b(?:if|once|unless|until|when|whenever|after|provided|as\s+soon\s+as)\b/i;
// An instruction: "Check the service is ready", "Make sure it is ready for launch".
const INSTRUCTION =
  /^\W*(?:check|verify|confirm|ensure|make\s+sure|prepare|get|become|be|help|use|see|read)\b/i;
// "NOT READY", "❌ NOT COMPLETE", "in progress": the opposite of a claim.
const NEGATED = /\bnot\b|\bno\b|n['’]t\b|❌|✗|\bin[- ]progress\b|\bincomplete\b|\bpending\b/i;
// Addresses and file names say nothing: "https://…/production-ready", "./LAUNCH-READY.md".
const ADDRESS =
  /(?:^|\s)(?:\S*:\/\/\S*|\.{0,2}\/\S*|www\.\S*|\S+\.(?:md|markdown|txt|html?|pdf|ya?ml|json))(?=\s|$)/gi;

export interface ReadyStatementOptions {
  /**
   * A heading is a title unless it says otherwise: a noun phrase such as "Ready for Production"
   * or "Production-Ready Services" names the section. Shouted words, "X is ready" and a status
   * label ("Status: ready for production") still state it.
   */
  heading?: boolean;
}

// Every form above needs one of these words (in any case, to keep the test simple); a line
// without them cannot state readiness.
const MAY_STATE_READY = /ready|complete|done/i;

const STATUS_LABEL = /^\W*(?:status|state|verdict|result|readiness|checklist\s+status)\s*:/i;

/** The sentences of one line: split after . ! ? and a space ("v1.2" stays whole). */
function sentences(line: string): string[] {
  return line.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== "");
}

/** True when the text right after a ready word makes it part of a noun phrase or a verb. */
function beforeAWord(sentence: string, end: number): boolean {
  const next = /^\s+([\p{L}][\p{L}'’-]*)/u.exec(sentence.slice(end));
  return next?.[1] !== undefined && !CONTINUES_CLAIM.test(next[1]);
}

/** Where the first ready word that can state readiness sits in the sentence, or null. */
function readyWordAt(sentence: string, heading: boolean): number | null {
  const titled = heading && !STATUS_LABEL.test(sentence);
  const forms: [RegExp, boolean][] = [
    [READY_FOR, titled],
    [COMPOUND_READY, titled],
    [IS_READY, false],
    [SHOUTED_DONE, false],
  ];
  for (const [form, skip] of forms) {
    if (skip) continue;
    for (const match of sentence.matchAll(form)) {
      const end = match.index + match[0].length;
      // "ready for production traffic" continues the phrase; a word after "production-ready" does not.
      if (form !== READY_FOR && beforeAWord(sentence, end)) continue;
      return match.index;
    }
  }
  return null;
}

/** Whether one line (of a heading or paragraph) states that the work is ready or done. */
export function statesReady(line: string, options: ReadyStatementOptions = {}): boolean {
  // Most lines hold no ready word at all: say so before splitting them into sentences (a sign-off
  // line per section made this rule a tenth of what `status` allocated on a large checklist).
  return MAY_STATE_READY.test(line) && readyInSentences(line, options);
}

/** `statesReady` without the quick test for a ready word; exported for the test that holds the two equal. */
export function readyInSentences(line: string, options: ReadyStatementOptions = {}): boolean {
  const text = line.replace(ADDRESS, " ");
  return sentences(text).some((sentence) => {
    if (NEGATED.test(sentence) || CONDITION.test(sentence) || INSTRUCTION.test(sentence)) return false;
    if (/\?\W*$/u.test(sentence)) return false;
    const at = readyWordAt(sentence, options.heading ?? false);
    return at !== null && !NOT_YET.test(sentence.slice(0, at));
  });
}
