/**
 * The URL with the password of its userinfo replaced by `****`, for messages and evidence:
 * `postgres://app:hunter2@db:5432/x` -> `postgres://app:****@db:5432/x`. Text that is not a URL
 * is returned as is.
 */
export function redactUrl(url: string | URL): string {
  if (typeof url === "string") {
    if (!URL.canParse(url)) return url;
    return redactUrl(new URL(url));
  }
  if (url.password === "") return url.href;
  const copy = new URL(url.href);
  copy.password = "****";
  return copy.href;
}
