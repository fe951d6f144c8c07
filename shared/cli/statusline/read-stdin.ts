/**
 * Reads stdin without ever blocking the statusline's line: whatever arrived by EOF, or by the deadline
 * when the writer keeps the pipe open.
 */
import { fstatSync, read, readFileSync, readSync } from 'node:fs';

/** Claude Code writes its JSON and closes stdin at once; this only bounds a writer that does not. */
export const STDIN_DEADLINE_MS = 200;
const MAX_STDIN_BYTES = 1 << 20;
const CHUNK_BYTES = 64 * 1024;

/**
 * Resolves with the text on stdin by EOF, MAX_STDIN_BYTES or `deadlineMs`, whichever comes first. A
 * regular file is read at once; a character device (a terminal, /dev/null) gives '' (a person running
 * the command by hand is not asked to type JSON).
 *
 * Pipes and sockets (Claude Code passes a socket and closes it after writing) are read with fs.read,
 * which costs ~0.5 ms where `process.stdin` costs ~4 ms (it loads net and streams) — a tenth of the
 * statusline's budget. The trade-off: a read still pending at the deadline sits in libuv's thread pool,
 * so a writer that never closes stdin gets its line at the deadline but the process exits only once
 * that writer closes (Claude Code always closes; test/claude-code checks it).
 */
export function readStdinWithDeadline(fd = 0, deadlineMs = STDIN_DEADLINE_MS): Promise<string> {
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return Promise.resolve(readFileSync(fd, 'utf8'));
    if (st.isCharacterDevice()) return Promise.resolve('');
  } catch {
    // No stdin at all (closed fd 0): nothing to read.
    return Promise.resolve('');
  }
  return readFirstThenRest(fd, deadlineMs);
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Claude Code writes its JSON right after starting the command, so one synchronous read nearly always
 * returns all of it (or EOF) at once — without starting libuv's thread pool and timers, which cost this
 * command ~2 ms, a tenth of bare node's start-up. Only when the first chunk is not complete JSON does the
 * rest go through the deadline-bounded asynchronous read. (A writer that starts the command and never
 * writes nor closes would block the first read; Claude Code does not do that, and kills it at 5 s.)
 */
function readFirstThenRest(fd: number, deadlineMs: number): Promise<string> {
  const started = Date.now();
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let first: string;
  try {
    const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
    if (n === 0) return Promise.resolve('');
    first = buf.subarray(0, n).toString('utf8');
  } catch {
    // EAGAIN on a non-blocking descriptor, or anything odd: the asynchronous path handles it.
    return readFdUntil(fd, deadlineMs);
  }
  if (isCompleteJson(first)) return Promise.resolve(first);
  const left = Math.max(0, deadlineMs - (Date.now() - started));
  return readFdUntil(fd, left).then((rest) => first + rest);
}

/** Reads `fd` until EOF, an error, the size cap or the deadline; EAGAIN (non-blocking fds) is retried. */
export function readFdUntil(fd: number, deadlineMs: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(finish, deadlineMs);
    const next = () => {
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      read(fd, buf, 0, CHUNK_BYTES, null, (error, n) => {
        if (done) return;
        if (error?.code === 'EAGAIN') return void setTimeout(next, 5);
        if (error || n === 0) return finish();
        chunks.push(buf.subarray(0, n));
        size += n;
        if (size >= MAX_STDIN_BYTES) return finish();
        next();
      });
    };
    next();
  });
}
