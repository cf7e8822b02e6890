import type { BenchContext } from '../lib/context.ts';
import { sleep } from '../lib/context.ts';
import { postgresAdmin } from '../lib/data.ts';
import { cores } from '../lib/machine.ts';
import { startPennant, temporaryDir } from '../lib/server.ts';
import { type Spread, spread } from '../lib/stats.ts';

export interface StartupResult {
  /** Spawn to the first 200 from /ready: migrations applied, environments created, caches loaded. */
  emptyMs: Spread;
  filledMs: Spread;
  /** The median of `filledMs`: the bar's figure. */
  readyFilledMs: number;
  /** Resident memory after a few idle seconds. */
  idleRssEmptyMb: Spread;
  idleRssFilledMb: Spread;
}

const idleSettleMs = 3000;

/** (5) Start-up to ready on an empty and on a filled database, and resident memory at idle. */
export async function startupBenchmark(context: BenchContext): Promise<StartupResult> {
  const { options, template } = context;
  const empty: number[] = [];
  const filled: number[] = [];
  const rssEmpty: number[] = [];
  const rssFilled: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    {
      const dir = await temporaryDir('pennant-bench-empty-');
      const postgres =
        template.kind === 'postgres' && options.databaseUrl ? postgresAdmin(options.databaseUrl) : undefined;
      const database = postgres ? await postgres.create() : undefined;
      try {
        const server = await startPennant({
          dataDir: dir.path,
          ...(postgres && database ? { databaseUrl: postgres.urlOf(database) } : {}),
          core: cores.server,
        });
        empty.push(server.startupMs);
        await sleep(idleSettleMs);
        rssEmpty.push(server.residentMb());
        await server.stop();
      } finally {
        if (postgres && database) await postgres.drop(database);
        await dir.dispose();
      }
    }
    {
      const data = await template.instance();
      try {
        const server = await startPennant({ ...data.start, core: cores.server });
        filled.push(server.startupMs);
        await sleep(idleSettleMs);
        rssFilled.push(server.residentMb());
        await server.stop();
      } finally {
        await data.dispose();
      }
    }
    context.log(
      `  round ${round + 1}: empty ${Math.round(empty.at(-1) ?? 0)} ms (idle ${Math.round(rssEmpty.at(-1) ?? 0)} MB), ` +
        `filled ${Math.round(filled.at(-1) ?? 0)} ms (idle ${Math.round(rssFilled.at(-1) ?? 0)} MB)`,
    );
  }
  return {
    emptyMs: spread(empty),
    filledMs: spread(filled),
    readyFilledMs: spread(filled).median,
    idleRssEmptyMb: spread(rssEmpty),
    idleRssFilledMb: spread(rssFilled),
  };
}
