// Sets the benchmark share of net cost for a year, with its source, and the research figure (association).
import type { Db } from '../db/db.ts';
import { benchmarkInput, type Benchmark } from '../domain/economics/schema.ts';
import { audit } from '../store/audit.ts';
import { upsertBenchmark } from '../store/economics.ts';
import { checked, requireEconomicsAdmin, type Caller } from './common.ts';

export async function saveBenchmark(db: Db, caller: Caller, input: unknown): Promise<Benchmark> {
  requireEconomicsAdmin(caller.user);
  const benchmark = checked(benchmarkInput, input);
  return db.transaction(async (tx) => {
    await upsertBenchmark(tx, benchmark);
    await audit(tx, { actor: caller.user.id, action: 'economics.benchmark_saved', target: `Riktmärke ${benchmark.year}`, ip: caller.ip, details: benchmark });
    return benchmark;
  });
}
