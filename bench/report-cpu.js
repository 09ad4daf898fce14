/**
 * Preloaded into the measured `gonogo` process (`node --import ./bench/report-cpu.js ...`): at exit
 * it prints the process's own CPU time (user + system, every thread: GC and compiler included) on
 * stderr. CPU time, unlike wall time, does not grow when other processes share the cores.
 */
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nbench-cpu-ms ${(user + system) / 1000}\n`);
});
