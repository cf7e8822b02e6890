/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --cpu-prof DIR`):
 * the functions with the most self time, and the source files with the most self time.
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [TOP] [FROM[-TO]]`: only the samples from
 * FROM to TO seconds after the profile began (leave out start-up, seeding and shutdown).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [TOP] [FROM[-TO]]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const [fromMs, toMs] = (skipArg ?? '0').split('-').map((part) => Number(part) * 1000) as [number, number?];
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
let elapsedMs = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  elapsedMs += ms;
  if (elapsedMs >= fromMs && (toMs === undefined || elapsedMs < toMs)) {
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  }
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  if (path.includes('node_modules/')) return path.replace(/^.*node_modules\//, '~/');
  return path.replace(/^.*\/dist\//, 'dist/');
}

/** The package (or `dist/src/<folder>`) a frame belongs to, for the inclusive view. */
function owner(url: string): string | undefined {
  const path = shortUrl(url);
  if (path.startsWith('~/')) {
    const parts = path.slice(2).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (path.startsWith('dist/src/')) return path.split('/').slice(0, 4).join('/').replace(/\.js$/, '');
  if (path.startsWith('wasm://')) return 'wasm';
  return undefined;
}

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  const fileKey = shortUrl(url) || `(${functionName})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + ms);
}

const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title} (of ${total.toFixed(0)} ms sampled)\n`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${key}\n`,
    );
  }
};
// Inclusive: a sample counts once for every package (or src folder) on its stack.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = owner(byId.get(at)?.callFrame.url ?? '');
    if (name) seen.add(name);
  }
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
}

print('self time by function', byFunction);
print('self time by file', byFile);
print('inclusive time by package or src folder', inclusive);
