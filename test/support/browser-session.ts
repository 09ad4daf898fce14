import type { ServeProcess } from "./serve-process.js";

/** A browser's session on `gonogo serve`, without a browser: its cookies, sent back on each request. */
export interface BrowserSession {
  /** GET (or another method) with the session's cookies, redirects not followed. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The CSRF token a page carries in `<meta name="csrf-token">`. */
  csrfOf(page: string): string;
}

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");

/**
 * Signs in as a person does: GET /sign-in (the CSRF cookie and the form's token), then POST the
 * form with the API token; the session cookie comes back with the redirect.
 */
export async function signInSession(server: ServeProcess, token: string): Promise<BrowserSession> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const pair of cookiePairs(response)) {
      const [name, ...value] = pair.split("=");
      if (name) jar.set(name, value.join("="));
    }
    return response;
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const fetchWith = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", cookie());
    return keep(await server.fetch(path, { ...init, headers, redirect: "manual" }));
  };
  const csrfOf = (page: string) => /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? "";
  const form = await (await fetchWith("/sign-in")).text();
  const signedIn = await fetchWith("/sign-in", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token, _csrf: csrfOf(form), next: "/" }).toString(),
  });
  if (signedIn.status !== 303 || !jar.has("gonogo_session"))
    throw new Error(`sign-in answered ${signedIn.status}: ${await signedIn.text()}`);
  return { fetch: fetchWith, csrfOf };
}
