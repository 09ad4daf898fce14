/** URL and header handling every probe that speaks HTTP to a target shares (http, metrics, promql, load). */

/** `http://h/api` + `/health?full=1` -> `http://h/api/health?full=1`. */
export function joinPath(base: URL, path: string): URL {
  const queryAt = path.indexOf("?");
  const pathname = queryAt === -1 ? path : path.slice(0, queryAt);
  const joined = new URL(base.href);
  joined.pathname = `${base.pathname.replace(/\/+$/, "")}/${pathname.replace(/^\/+/, "")}`;
  if (queryAt !== -1) joined.search = path.slice(queryAt);
  joined.hash = "";
  return joined;
}

/** Header names in lower case, as HTTP compares them, so a check's own headers replace its target's. */
export function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

// `https://user:pass@host` means basic auth; the password then stays out of every URL we print.
export function moveUserinfoToHeader(url: URL, headers: Record<string, string>): void {
  if (url.username === "" && url.password === "") return;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  headers.authorization ??= `Basic ${Buffer.from(credentials).toString("base64")}`;
  url.username = "";
  url.password = "";
}
