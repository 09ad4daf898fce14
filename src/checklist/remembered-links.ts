import type markdownIt from "markdown-it";

type MarkdownIt = ReturnType<typeof markdownIt>;

// Enough for every distinct address of a large document; when full it starts again, so memory stays bounded.
const MAX_REMEMBERED = 4096;

/**
 * Makes markdown-it's link normalisation (`normalizeLink`, `normalizeLinkText`, `validateLink`)
 * remember its answers. Why: each link is parsed as a URL, its host name run through punycode and
 * the whole re-encoded, every time; a checklist that names the same runbook in 20,000 items spent
 * a tenth of `status` there (docs/benchmarks.md, fourth round). The three are pure functions of
 * their one string, so a remembered answer is the answer.
 */
export function rememberLinkNormalisation(md: MarkdownIt): void {
  // The shortcut goes first: an address already normal is answered without a lookup, and is
  // never stored, so the remembered answers keep room for the addresses that cost something.
  md.normalizeLink = unlessAlreadyNormal(remembered(md.normalizeLink.bind(md)));
  md.normalizeLinkText = remembered(md.normalizeLinkText.bind(md));
  md.validateLink = remembered(md.validateLink.bind(md));
}

function remembered<T>(compute: (url: string) => T): (url: string) => T {
  const answers = new Map<string, T>();
  return function rememberedAnswer(url: string): T {
    const known = answers.get(url);
    if (known !== undefined || answers.has(url)) return known as T;
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    const answer = compute(url);
    answers.set(url, answer);
    return answer;
  };
}

/**
 * An address `normalizeLink` gives back as it is: http or https, a lower-case ASCII host of labels
 * of 1 to 63 characters (at most 253 in all: longer ones mdurl cuts), an optional port, then only
 * characters mdurl's encoder leaves alone (letters, digits and `;/?:@&=+$,-_.!~*'()#`, no `%`).
 * Most checklist links are such addresses, each often named once (a runbook per item), so they
 * miss the remembered answers; parsing each as a URL and back was a tenth of `status`'s
 * instructions on such a document (docs/benchmarks.md, seventh round). Property-tested against
 * markdown-it.
 */
const ALREADY_NORMAL_LINK =
  /^https?:\/\/(?=[a-z0-9.-]{1,253}(?:[:/?#]|$))[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*(?::\d{1,5})?(?:[/?#][\w;/?:@&=+$,.!~*'()#-]*)?$/;

function unlessAlreadyNormal(normalize: (url: string) => string): (url: string) => string {
  return (url) => (ALREADY_NORMAL_LINK.test(url) ? url : normalize(url));
}
