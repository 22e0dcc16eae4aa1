import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Median wall time in milliseconds of `reps` calls of fn after `warmup` calls. */
export function medianMs(fn: () => unknown, reps = 9, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

/** Median CPU time (user + system of this process) in ms: less sensitive than wall time to other load on shared cores. */
export function medianCpuMs(fn: () => unknown, reps = 9, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    t.push((c.user + c.system) / 1000);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

export const PYTHON = '/usr/bin/python3';

/** True when Debian's healpy is importable by /usr/bin/python3. */
export function hasHealpy(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import healpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Run a Python snippet that prints one number (milliseconds, median) and return it;
 * null when Python or healpy is missing. Single-threaded, like nusky's numbers.
 */
export function pythonMs(code: string): number | null {
  if (!hasHealpy()) return null;
  const out = execFileSync(PYTHON, ['-c', code], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  return Number(out.trim().split('\n').pop());
}

/** Python prelude that defines median_ms(f, reps=9). */
export const PY_TIMER = `
import time, statistics
def median_ms(f, reps=9, warmup=2):
    for _ in range(warmup): f()
    t = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(); t.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(t)
`;

export function row(name: string, ms: number, ref: number | null, refName = 'healpy'): void {
  const ratio = ref == null ? '' : `  ${refName} ${ref.toFixed(2)} ms  ratio ${(ms / ref).toFixed(2)}`;
  console.log(`${name.padEnd(48)} ${ms.toFixed(2).padStart(10)} ms${ratio}`);
}
