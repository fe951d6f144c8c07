import { useEffect, useState } from 'react';

/** Ages and countdowns tick at this rate. */
export const NOW_TICK_MS = 1_000;

/** The current time on the host's clock (`Date.now() + offsetMs`), re-rendering every tick. */
export function useNow(offsetMs: number, tickMs = NOW_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const timer = setInterval(() => setNow(Date.now() + offsetMs), tickMs);
    return () => clearInterval(timer);
  }, [offsetMs, tickMs]);
  return now;
}
