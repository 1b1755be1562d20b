/**
 * CPU time spent by processes, read from /proc (Linux): how the benchmarks split a request's cost
 * between the server, PostgreSQL (the postmaster and every backend under it) and the load
 * generator, so a number can be set against what the machine's cores could give at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ; 100 on Linux) */
const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    // The command name may hold spaces; the fields after it are fixed.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null; // gone, or not Linux
  }
}

/** CPU milliseconds used so far by each process in the trees under `roots` (the roots included). */
export function cpuOfTrees(roots: number[]): Map<number, number> {
  const all = new Map<number, { ppid: number; ms: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return new Map(); // not Linux: nothing to count
  }
  for (const pid of pids) {
    const s = stat(Number(pid));
    if (s) all.set(Number(pid), s);
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 10; p = all.get(p)?.ppid ?? 0, depth++) if (roots.includes(p)) return true;
    return false;
  };
  return new Map([...all].filter(([pid]) => inTree(pid)).map(([pid, s]) => [pid, s.ms]));
}

/**
 * Measures CPU over `run`, in milliseconds: for each named group of process trees (a process that
 * starts during the run counts from zero; one that ends during it is lost, so keep connections
 * open), and for this process (the load generator) as `self`.
 */
export async function cpuDuring<T, G extends string>(
  groups: Record<G, number[]>,
  run: () => Promise<T>,
): Promise<{ result: T; ms: Record<G | 'self', number> }> {
  const names = Object.keys(groups) as G[];
  const before = names.map((name) => cpuOfTrees(groups[name]));
  const self = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(self);
  const ms = { self: (used.user + used.system) / 1000 } as Record<G | 'self', number>;
  names.forEach((name, i) => {
    let total = 0;
    for (const [pid, value] of cpuOfTrees(groups[name])) total += value - (before[i]!.get(pid) ?? 0);
    ms[name] = total;
  });
  return { result, ms };
}

/** CPU time the machine's cores offer per second, in milliseconds. */
export const CPU_MS_PER_SECOND = os.cpus().length * 1000;
