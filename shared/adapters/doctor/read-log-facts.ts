/**
 * The broker log's tail: whether it exists, its last error lines and its failed alert deliveries (only
 * the last 64 KB are read).
 */
import { getDeliveryFailures, getLogErrors } from '../../domain/doctor/log-lines';
import type { LogFacts } from '../../domain/doctor/types';
import { readFileTail } from '../fs/read-tail';

const TAIL_BYTES = 64 * 1024;

/** Reads the end of `path`. Never throws. */
export async function readLogFacts(path: string): Promise<LogFacts> {
  const tail = await readFileTail(path, TAIL_BYTES).catch(() => null);
  if (!tail) return { path, exists: false, recentErrors: [], deliveryFailures: [] };
  return {
    path,
    exists: true,
    recentErrors: getLogErrors(tail.text),
    deliveryFailures: getDeliveryFailures(tail.text),
  };
}
