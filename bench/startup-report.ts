/**
 * Where start-up time goes: `tsx bench/startup-report.ts [--pg ADMIN_URL] [--rounds N] [--empty]
 * [--entry other/dist/src/main.js ...]`. Seeds one small filled database (PGlite, and PostgreSQL
 * with `--pg`), or with `--empty` (PGlite only) gives each start a new empty data folder, so that
 * every migration is applied; then starts the production build on a copy of it `--rounds` times per entry,
 * entries alternating round by round, and prints the medians of: spawn to `/ready` (wall), the
 * server's CPU time at that moment (user + system, all threads: what the shared machine's load
 * does not stretch), and each step `start()` logs on its "listening" line. Figures go to
 * BENCHMARKS.md ("Start-up: where the time goes").
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { prepareTemplate, type SeededTemplate } from './lib/data.ts';
import { serverEntry, startPennant, temporaryDir } from './lib/server.ts';

const { values } = parseArgs({
  options: {
    pg: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    entry: { type: 'string', multiple: true },
    'no-pglite': { type: 'boolean', default: false },
    empty: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const entries = values.entry?.length ? values.entry : [serverEntry];
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const log = (line: string) => process.stdout.write(`${line}\n`);
const size = { flags: 30, organizations: 300, someMax: 100 };

/** A new empty data folder per start, shaped like a seeded template's instances. */
const emptyFolders: Pick<SeededTemplate, 'instance' | 'dispose'> = {
  async instance() {
    const dir = await temporaryDir('pennant-startup-empty-');
    return { start: { dataDir: dir.path }, dispose: () => dir.dispose() };
  },
  async dispose() {},
};

const targets: { name: string; template: Pick<SeededTemplate, 'instance' | 'dispose'> }[] = [];
if (values.empty) targets.push({ name: 'PGlite, empty data folder', template: emptyFolders });
else if (!values['no-pglite'])
  targets.push({ name: 'PGlite', template: await prepareTemplate({ kind: 'pglite' }, size, undefined, log) });
if (values.pg && !values.empty)
  targets.push({
    name: 'PostgreSQL',
    template: await prepareTemplate({ kind: 'postgres', adminUrl: values.pg }, size, undefined, log),
  });

try {
  for (const { name, template } of targets) {
    const samples = new Map<string, { wall: number[]; cpu: number[]; steps: Record<string, number[]> }>();
    const loads: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const entry of entries) {
        const data = await template.instance();
        try {
          loads.push(loadavg()[0] as number);
          const server = await startPennant({ ...data.start, entry, env: { LOG_LEVEL: 'info' } });
          const cpuAtReady = server.startupCpuMs;
          // The "listening" line follows /ready by a moment.
          let line: string | undefined;
          for (let tries = 0; tries < 100 && !line; tries++) {
            line = server
              .output()
              .split('\n')
              .find((text) => text.includes('"startupMs"'));
            if (!line) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          const steps = line ? (JSON.parse(line) as { startupMs: Record<string, number> }).startupMs : {};
          const sample = samples.get(entry) ?? { wall: [], cpu: [], steps: {} };
          sample.wall.push(server.startupMs);
          sample.cpu.push(cpuAtReady);
          for (const [step, ms] of Object.entries(steps)) {
            sample.steps[step] = [...(sample.steps[step] ?? []), ms];
          }
          samples.set(entry, sample);
          await server.stop();
        } finally {
          await data.dispose();
        }
      }
    }
    log(
      `\n${name}, ${rounds} rounds, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
    );
    for (const [entry, sample] of samples) {
      const steps = Object.entries(sample.steps)
        .map(([step, ms]) => `${step} ${Math.round(median(ms))}`)
        .join(', ');
      log(
        `  ${entry}: ready ${Math.round(median(sample.wall))} ms wall (${sample.wall.map(Math.round).join(', ')}), ` +
          `CPU ${Math.round(median(sample.cpu))} ms (${sample.cpu.map(Math.round).join(', ')})\n    steps (median ms): ${steps}`,
      );
    }
  }
} finally {
  for (const { template } of targets) await template.dispose();
}
