/**
 * A seeded random source for tests that pick random moments (crash safety): the seed is printed, and
 * `QB_SEED=<seed>` replays the same choices. (Timing still varies from run to run; the seed fixes
 * which moments were aimed at, which is what a failure report needs.)
 */
import { onTestFailed } from 'vitest';

export interface SeededRandom {
  seed: number;
  /** Uniform in [0, 1), like Math.random. */
  next(): number;
}

/** mulberry32: small, fast, good enough to spread kill moments. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed from `QB_SEED` or a fresh one, announced under `label`. Call inside a test: a failure of
 * that test repeats the replay command next to the error.
 */
export function useSeededRandom(label: string): SeededRandom {
  const fromEnv = process.env.QB_SEED;
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`QB_SEED must be an integer, not "${fromEnv}"`);
  const replay = `QB_SEED=${seed}`;
  console.log(`[${label}] random seed ${seed} (replay with ${replay})`);
  onTestFailed(() => console.error(`[${label}] failed with random seed ${seed}; replay with ${replay}`));
  return { seed, next: mulberry32(seed) };
}
