/**
 * Exclusive use of a load target across every process that runs checks (`src/jobs/`): a load
 * check holds its target's lock for its whole run, so two load tests never hit one target at once
 * and distort each other's figures. The CLI passes none (one process already runs them one at a time).
 */
export interface TargetLock {
  /**
   * Waits until `key` is free and takes it; resolves with the function that gives it back.
   * Rejects when `signal` aborts first.
   */
  acquire(key: string, signal: AbortSignal): Promise<() => Promise<void>>;
}
