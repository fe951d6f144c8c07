/** Shared set-up for the host tests: a temp home at the fake server, real engine deps, a fake daemon. */
import { createMemoryLogger } from '../../shared/adapters/file-logger';
import type { CycleOptions, CycleResult } from '../../shared/engine/cycle';
import type { DaemonHandle, DaemonOptions } from '../../shared/engine/daemon';
import type { EngineDeps } from '../../shared/engine/deps';
import { createEngineDeps } from '../../shared/host/create-engine-deps';
import type { FakeAnthropic } from '../fake-anthropic';
import { createTempHome, type TempHome, type TempSlot } from '../support/temp-home';

/** Engine dependencies for `home` (file credentials, the fake server), logging to memory. */
export async function createEngine(
  home: TempHome,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<EngineDeps & { logger: ReturnType<typeof createMemoryLogger> }> {
  const deps = await createEngineDeps(home.env(extraEnv), { claudeVersion: false });
  return { ...deps, logger: createMemoryLogger() };
}

export const TWO_SLOTS: TempSlot[] = [
  { id: 'slot-1', email: 'one@example.com' },
  { id: 'slot-2', email: 'two@example.com' },
];

/** A temp home with two logged-in slots at `fake`. */
export const createTwoSlotHome = (fake: FakeAnthropic) => createTempHome({ fake, slots: TWO_SLOTS });

export interface FakeDaemon {
  start: (deps: EngineDeps, now: () => number, options: DaemonOptions) => DaemonHandle;
  /** Every requestCycle's options, in order. */
  cycles: CycleOptions[];
  options(): DaemonOptions;
  role: 'broker' | 'follower';
  stopped: boolean;
  /** What requestCycle does; default: resolves a result and reports the cycle like the real daemon. */
  onCycle: (options: CycleOptions) => Promise<CycleResult | null>;
}

/** A daemon that runs no cycle: it records requests and answers as `onCycle` says. */
export function createFakeDaemon(role: 'broker' | 'follower' = 'broker'): FakeDaemon {
  let given: DaemonOptions | null = null;
  const fake: FakeDaemon = {
    cycles: [],
    role,
    stopped: false,
    options: () => {
      if (!given) throw new Error('daemon not started');
      return given;
    },
    onCycle: async () => {
      const result = {} as CycleResult;
      given?.onCycle?.(result);
      return result;
    },
    start: (_deps, _now, options) => {
      given = options;
      return {
        get role() {
          return fake.role;
        },
        requestCycle: async (options = {}) => {
          fake.cycles.push(options);
          return fake.onCycle(options);
        },
        stop: async () => {
          fake.stopped = true;
        },
      };
    },
  };
  return fake;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
