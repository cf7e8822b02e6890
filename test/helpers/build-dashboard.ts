import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Vitest global setup: builds the dashboard once before the test files run, when its build is
 * missing or older than its source, so the dashboard tests always serve the current pages.
 */
const root = path.resolve(import.meta.dirname, '../..');
const source = path.join(root, 'src/dashboard');
const built = path.join(root, 'dist/dashboard/index.html');

function newestChange(folder: string): number {
  let newest = 0;
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    const stat = statSync(full);
    newest = Math.max(newest, stat.isDirectory() ? newestChange(full) : stat.mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  if (process.env.PENNANT_DASHBOARD_DIR) return;
  if (existsSync(built) && statSync(built).mtimeMs >= newestChange(source)) return;
  execFileSync('npm', ['run', 'build:dashboard', '--silent'], { cwd: root, stdio: 'inherit' });
}
