// The benchmark of a year as the computations use it: the stored one, or the default (2,5 %, research 2 %).
import type { Db } from '../db/db.ts';
import type { Benchmark } from '../domain/economics/schema.ts';
import { getStoredBenchmark } from '../store/economics.ts';
import { DEFAULT_BENCHMARK } from '../domain/economics/schema.ts';

export async function benchmarkOfYear(db: Db, year: number): Promise<{ benchmark: Benchmark; isDefault: boolean }> {
  const stored = await getStoredBenchmark(db, year);
  return stored ? { benchmark: stored, isDefault: false } : { benchmark: { ...DEFAULT_BENCHMARK, year }, isDefault: true };
}
