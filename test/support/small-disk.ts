import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SmallDisk {
  dir: string;
  /** Writes zeros into `dir/fill` until the disk says it is full. */
  fill(): void;
  unmount(): void;
}

/** Whether this process can mount a small file system (root, and `mount` works here). */
export function canMountSmallDisk(): boolean {
  const disk = mountSmallDisk("64k");
  disk?.unmount();
  return disk !== null;
}

/**
 * A real file system of `size` (a tmpfs under the temp folder) to fill up: the only honest way to
 * see what a full disk does. Needs root and a working `mount`; null where there is none (the
 * tests that need it are skipped there).
 */
export function mountSmallDisk(size = "2m"): SmallDisk | null {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    fill() {
      const fd = openSync(join(dir, "fill"), "a");
      const block = Buffer.alloc(4096);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      } finally {
        closeSync(fd);
      }
    },
    unmount() {
      execFileSync("umount", [dir], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
