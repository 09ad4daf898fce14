/** A base image reference split the way registries read it. */
export interface ImageRef {
  ref: string;
  tag: string | null;
  digest: string | null;
}

/** `parseImageRef("localhost:5000/app:1.2@sha256:ab")` is { tag: "1.2", digest: "sha256:ab" }. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf("@");
  const nameAndTag = at === -1 ? ref : ref.slice(0, at);
  // A colon before the last slash belongs to a registry port, not a tag.
  const colon = nameAndTag.lastIndexOf(":");
  const tag = colon > nameAndTag.lastIndexOf("/") ? nameAndTag.slice(colon + 1) : null;
  return { ref, tag, digest: at === -1 ? null : ref.slice(at + 1) };
}

/** Still holds a build argument only known at build time (`$BASE_IMAGE`), so its tag is unknown. */
export function isUnresolved(image: ImageRef): boolean {
  return image.ref.includes("$");
}

/**
 * Whether the reference can move under the same name: tagged `latest` or untagged, and not pinned by
 * a digest. `scratch` is the empty image, not pulled, so it never moves.
 */
export function isFloating(image: ImageRef): boolean {
  if (image.digest !== null || image.ref === "scratch" || isUnresolved(image)) return false;
  return image.tag === null || image.tag === "latest";
}
