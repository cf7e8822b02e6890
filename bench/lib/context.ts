import type { SeededTemplate } from './data.ts';
import type { BenchOptions } from './options.ts';
import type { StartOptions } from './server.ts';

export interface BenchContext {
  options: BenchOptions;
  template: SeededTemplate;
  log(line: string): void;
  /** Extra start options for every Pennant server (CPU profiling, extra node flags). */
  serverExtras: Pick<StartOptions, 'cpuProfileDir' | 'nodeArgs'>;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
