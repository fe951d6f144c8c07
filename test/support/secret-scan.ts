/**
 * Secret scans (docs/contracts.md "Security"): every file, log line and output a suite produced is searched for tokens.
 * Files that are meant to hold tokens (Claude Code's `.credentials.json`) are skipped by name; everything
 * else — the state dir, logs, the refresh journal once it should be gone, captured stdout/stderr — must
 * hold none. Findings name the place and the kind of token, never the token itself.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fake server's token shape, access (`oat`) or refresh (`ort`), unredacted. */
export const FAKE_TOKEN_PATTERN = /sk-ant-o[ar]t01-test-[A-Za-z0-9]/;

/** Files that legitimately hold a login: Claude Code's own credential file. */
const ALLOWED_FILE_NAMES = new Set(['.credentials.json']);

export interface SecretScanInput {
  /** Directories scanned recursively (state dirs, config dirs, temp homes). */
  dirs?: string[];
  /** Single files (logs kept elsewhere). */
  files?: string[];
  /** Captured text: `[label, text]`, e.g. `['refresh stdout', run.stdout]`. */
  texts?: [string, string][];
  /** Exact tokens to look for besides the pattern (e.g. `fake.issuedTokens()`). */
  tokens?: string[];
  /** Extra file names that may hold tokens. */
  allowFileNames?: string[];
}

export interface SecretScanResult {
  /** How many files and texts were read. */
  scanned: number;
  /** `"<where>: <what>"`, never the token. */
  findings: string[];
}

/** Scans files, directories and texts for tokens. */
export function scanForSecrets(input: SecretScanInput): SecretScanResult {
  const allowed = new Set([...ALLOWED_FILE_NAMES, ...(input.allowFileNames ?? [])]);
  const tokens = (input.tokens ?? []).filter((t) => t.length >= 12);
  const findings: string[] = [];
  let scanned = 0;
  const check = (where: string, text: string) => {
    scanned += 1;
    const match = FAKE_TOKEN_PATTERN.exec(text);
    if (match) findings.push(`${where}: a token of the fake's shape (${match[0].slice(0, 9)}…)`);
    const known = tokens.filter((t) => text.includes(t)).length;
    if (known > 0) findings.push(`${where}: ${known} issued token(s)`);
  };
  const files = [...(input.files ?? []), ...(input.dirs ?? []).flatMap((d) => listFiles(d))];
  for (const file of files) {
    if (allowed.has(file.split('/').pop() ?? '')) continue;
    let text: string;
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      continue; // vanished (a temp file renamed meanwhile) or unreadable: nothing to leak
    }
    check(file, text);
  }
  for (const [label, text] of input.texts ?? []) check(label, text);
  return { scanned, findings };
}

/** Every regular file under `dir` (symlinks not followed); a missing dir is empty. */
function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (st.isDirectory()) return listFiles(path);
      return st.isFile() ? [path] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Collects what a test file produced, to scan once at its end: dirs and captured outputs are added as the
 * tests go (before their temp dirs are removed, call `scanNow`).
 */
export interface SecretCollector {
  addText(label: string, text: string): void;
  addTokens(tokens: string[]): void;
  /** Scans `dirs` now (they are about to be removed) and keeps the findings. */
  scanDirs(dirs: string[]): void;
  /** Scans the texts collected so far and returns every finding. */
  finish(): SecretScanResult;
}

/** Creates a collector for one test file. */
export function createSecretCollector(): SecretCollector {
  const texts: [string, string][] = [];
  const tokens = new Set<string>();
  const findings: string[] = [];
  let scanned = 0;
  return {
    addText: (label, text) => void texts.push([label, text]),
    addTokens: (list) => {
      for (const t of list) tokens.add(t);
    },
    scanDirs(dirs) {
      const r = scanForSecrets({ dirs, tokens: [...tokens] });
      scanned += r.scanned;
      findings.push(...r.findings);
    },
    finish() {
      const r = scanForSecrets({ texts, tokens: [...tokens] });
      return { scanned: scanned + r.scanned, findings: [...findings, ...r.findings] };
    },
  };
}
