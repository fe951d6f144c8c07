// What /proc says about a process (Linux): CPU ticks used, bytes written, peak resident memory.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** utime+stime (clock ticks), `wchar` (bytes written), VmHWM and VmRSS (kB) of `pid`. */
export function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const io = Object.fromEntries(
    readFileSync(`/proc/${pid}/io`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(': '))
      .map(([k, v]) => [k, Number(v)]),
  );
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  const rss = /VmRSS:\s+(\d+) kB/.exec(status);
  return {
    cpuTicks: Number(f[11]) + Number(f[12]),
    wchar: io.wchar,
    peakRssKb: hwm ? Number(hwm[1]) : null,
    rssKb: rss ? Number(rss[1]) : null,
  };
}

/** Clock ticks per second (`getconf CLK_TCK`, usually 100). */
export function clockTicksPerSecond() {
  return Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
}
