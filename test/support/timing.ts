/**
 * Bounds for tests that assert a call gave up (at its timeout, on an abort) instead of waiting
 * for what it should have given up on. On a loaded machine a process can wait seconds for a core,
 * so "the timeout plus half a second" fails for no fault of the code. The bound is set by the
 * thing the call must not wait for instead, which each such test makes long (a 30 s query, a 60 s
 * sleep, a server that never answers): 20 s still tells the two apart, and the error message each
 * test checks says which deadline fired.
 */
export const GAVE_UP_WITHIN_MS = 20_000;

/**
 * CPU time this thread has used, in ms. For "stays linear" assertions on hostile input: unlike
 * wall time, it does not grow while other processes hold the cores.
 */
export function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}
