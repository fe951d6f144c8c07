/**
 * The broker log's tail: whether it exists, its last error lines and its failed alert deliveries (only
 * the last 64 KB are read).
 */
import { open } from 'node:fs/promises';
import { getDeliveryFailures, getLogErrors } from '../../domain/doctor/log-lines';
import type { LogFacts } from '../../domain/doctor/types';

const TAIL_BYTES = 64 * 1024;

/** Reads the end of `path`. Never throws. */
export async function readLogFacts(path: string): Promise<LogFacts> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    let text = buffer.toString('utf8');
    if (size > length) text = text.slice(text.indexOf('\n') + 1); // drop the partial first line
    return {
      path,
      exists: true,
      recentErrors: getLogErrors(text),
      deliveryFailures: getDeliveryFailures(text),
    };
  } catch {
    return { path, exists: false, recentErrors: [], deliveryFailures: [] };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
