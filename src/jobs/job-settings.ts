/**
 * How jobs run, from `jobs:` in gonogo-server.yml (every field has a default fit for production;
 * tests shorten them). Times in milliseconds.
 */
export interface JobSettings {
  /** How often an idle worker asks pg-boss for a job (pg-boss's floor: 500ms). */
  pollMs: number;
  /** How long a claimed job may run before pg-boss takes it back and retries it elsewhere. */
  leaseMs: number;
  /** How often pg-boss's supervisor looks for expired leases (a dead worker's job waits up to lease + this). */
  superviseMs: number;
  /** Retries of a job whose worker died or whose handler failed, after the first attempt. */
  retries: number;
  /** On SIGTERM, how long running jobs may take to finish before they are handed back. */
  shutdownGraceMs: number;
  /** The most a scheduled run is delayed after its slot (per service, fixed: see `jitterMs`). */
  maxJitterMs: number;
  /**
   * Jobs a worker (or a server on the embedded store) keeps in flight. A job mostly waits on its
   * checks' IO (20 light checks: ~50 ms of CPU in ~150 ms or more of wall time), so this is several
   * times the jobs one core can run back to back.
   */
  concurrency: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  pollMs: 2000,
  leaseMs: 15 * 60_000,
  superviseMs: 60_000,
  retries: 2,
  shutdownGraceMs: 30_000,
  maxJitterMs: 30_000,
  concurrency: 16,
};
