/** Times `fn` for about `ms` milliseconds after a warm-up, returning operations per second. */
export function opsPerSecond(fn: (i: number) => void, ms = 400): number {
  for (let i = 0; i < 200; i++) fn(i);
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let k = 0; k < 100; k++) fn(ops++);
    elapsed = process.hrtime.bigint() - start;
  }
  return (ops * 1e9) / Number(elapsed);
}

export interface Comparison {
  readonly name: string;
  readonly subject: string;
  readonly baseline: string;
  readonly subjectOps: number;
  readonly baselineOps: number;
}

/** One line per comparison: the figure that matters is the ratio, measured in the same run on the same machine. */
export function report(rows: readonly Comparison[]): string {
  const lines = rows.map((r) => {
    const ratio = r.subjectOps / r.baselineOps;
    return [
      r.name,
      `  ${r.subject}: ${Math.round(r.subjectOps).toLocaleString('en')} ops/s`,
      `  ${r.baseline} (baseline): ${Math.round(r.baselineOps).toLocaleString('en')} ops/s`,
      `  ratio: ${ratio.toFixed(2)}×`,
    ].join('\n');
  });
  return lines.join('\n\n');
}
