/**
 * What to do when no broker is polling — one sentence, so `status`, doctor and every other surface give
 * the same advice (README "Keeping the broker running"): a service keeps a broker running across logins
 * and failures; a foreground daemon is the alternative.
 */
export const START_BROKER_FIX = 'run: quota-broker service install (or keep quota-broker daemon running)';
