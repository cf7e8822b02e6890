import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMb: number;
  /** How processes are pinned to cores, or why they are not. */
  pinning: string;
}

/** True when `taskset` exists and the OS lets us pin (Linux with at least two cores). */
export const canPin: boolean = (() => {
  if (process.platform !== 'linux' || os.availableParallelism() < 2) return false;
  const probe = spawnSync('taskset', ['-c', '0', 'true']);
  return probe.status === 0;
})();

/**
 * The cores for each role. With two or more cores the server gets core 0 and every load
 * generator core 1 (so they never steal each other's time); a second server instance, when
 * there is one, gets core 2 if it exists and otherwise shares core 0 with the first, so that
 * neither instance shares a core with a load generator.
 */
export const cores = {
  server: 0,
  load: 1,
  secondServer: os.availableParallelism() > 2 ? 2 : 0,
};

/** The command to run `argv` pinned to `core`, when pinning is possible. */
export function pinned(core: number | undefined, argv: string[]): string[] {
  return canPin && core !== undefined ? ['taskset', '-c', String(core), ...argv] : argv;
}

/** Pins the current process (all its threads) to a core, when possible. */
export function pinSelf(core: number): boolean {
  if (!canPin) return false;
  return spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)]).status === 0;
}

function cpuModel(): string {
  const model = os.cpus()[0]?.model?.trim();
  if (model) return model;
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpuModel: cpuModel(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    pinning: canPin
      ? `taskset: server on core ${cores.server}, load generators on core ${cores.load}` +
        `, second instance on core ${cores.secondServer}`
      : 'none (taskset unavailable or a single core): processes share all cores',
  };
}

/** Resident memory of a process in MB, from /proc (Linux); NaN elsewhere. */
export function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time a process (all its threads) has used, in ms, from /proc (Linux); NaN elsewhere.
 * The difference over a load window divided by the work done is the CPU cost per operation,
 * which idle gaps and the host's noise disturb far less than a rate does.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are plain numbers.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

const clockTicksPerSecond: number = (() => {
  const probe = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(probe.stdout?.trim()) || 100;
})();
