import { readFileSync } from 'node:fs';

// Benchmark helpers: best-of-N wall time, and figures printed as aligned rows.

export function bestOf<T>(runs: number, work: () => T): { ms: number; result: T } {
  let best = Number.POSITIVE_INFINITY;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = work();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, result };
}

export function row(label: string, ...figures: string[]): void {
  console.log(`  ${label.padEnd(44)} ${figures.join('   ')}`);
}

/**
 * This process's own peak resident memory, MB. Linux carries getrusage's maxRSS across execve, so
 * a task spawned by a bench that had grown (making a fixture) would report the bench's peak as its
 * own; /proc/self/status VmHWM belongs to the address space, which exec replaces.
 */
export function ownPeakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

export function peakRssMb(): string {
  return `${ownPeakRssMb().toFixed(0)} MB peak RSS`;
}
