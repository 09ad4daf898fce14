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
  md.normalizeLink = remembered(md.normalizeLink.bind(md));
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
