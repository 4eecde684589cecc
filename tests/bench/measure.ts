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

export function peakRssMb(): string {
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB peak RSS`;
}
