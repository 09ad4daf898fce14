// One pull-request comment per checklist, created once and then updated in place: found again by
// a marker in its body. GitHub's REST API, with fetch (no Octokit: four calls do not need it).

const API_VERSION = "2022-11-28";
/** GitHub refuses comment bodies over 65,536 characters. */
const MAX_BODY = 65_000;

/** @param {string} checklist */
export function commentMarker(checklist) {
  return `<!-- gonogo-report: ${checklist.replaceAll("--", "")} -->`;
}

/**
 * The pull request the workflow runs for, from the event payload; null outside a pull request.
 * @param {any} event
 * @returns {number | null}
 */
export function pullRequestNumber(event) {
  if (typeof event?.pull_request?.number === "number") return event.pull_request.number;
  if (typeof event?.issue?.number === "number" && event.issue.pull_request) return event.issue.number;
  return null;
}

/**
 * Creates the comment, or updates the one whose body holds the marker. Returns its html_url.
 * @param {{ apiUrl: string, token: string, repository: string, pullRequest: number,
 *   marker: string, markdown: string }} request
 * @returns {Promise<{ url: string, action: "created" | "updated" }>}
 */
export async function upsertComment(request) {
  const { apiUrl, token, repository, pullRequest, marker } = request;
  const body = commentBody(marker, request.markdown);
  const base = `${apiUrl.replace(/\/$/, "")}/repos/${repository}`;
  const existing = await findComment(`${base}/issues/${pullRequest}/comments`, token, marker);
  if (existing !== null) {
    const updated = await call("PATCH", `${base}/issues/comments/${existing}`, token, { body });
    return { url: updated.html_url, action: "updated" };
  }
  const created = await call("POST", `${base}/issues/${pullRequest}/comments`, token, { body });
  return { url: created.html_url, action: "created" };
}

/** @param {string} marker @param {string} markdown */
function commentBody(marker, markdown) {
  const room = MAX_BODY - marker.length - 200;
  const text =
    markdown.length <= room
      ? markdown
      : `${markdown.slice(0, room)}\n\n… report cut to fit a comment: the full one is in the job summary and the artifacts.`;
  return `${marker}\n${text}`;
}

/** @param {string} url @param {string} token @param {string} marker @returns {Promise<number | null>} */
async function findComment(url, token, marker) {
  for (let page = 1; page <= 50; page++) {
    /** @type {{ id: number, body?: string }[]} */
    const comments = await call("GET", `${url}?per_page=100&page=${page}`, token);
    const mine = comments.find((comment) => comment.body?.startsWith(marker));
    if (mine) return mine.id;
    if (comments.length < 100) return null;
  }
  return null;
}

/**
 * @param {string} method @param {string} url @param {string} token @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function call(method, url, token, body) {
  const response = await fetch(url, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${token}`,
      "x-github-api-version": API_VERSION,
      "user-agent": "gonogo-action",
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 300);
    throw new Error(`GitHub API ${method} ${new URL(url).pathname}: ${response.status} ${text}`);
  }
  return response.json();
}
