/** Shared by every benchmark: timing, percentiles, and the one output shape. */
export interface Figure {
  name: string;
  value: number;
  /** The bare-SQLite figure for the same work, where one is measured. */
  baseline?: number;
  unit?: string;
}

export interface BenchContext {
  scale: number;
  dir: string;
  log(message: string): void;
}

export type Bench = (ctx: BenchContext) => Promise<Figure[]>;

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/** Time `fn` `n` times after `warmup` runs; milliseconds per call. */
export async function sample(n: number, fn: (i: number) => unknown, warmup = Math.min(50, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}
