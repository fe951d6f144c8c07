/**
 * dist/cli-launch.cjs, what bin/quota-broker.cjs runs for every command but the statusline: the CLI
 * bundle next to it, with a V8 code cache (load-cli.ts).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { getCodeCacheDir } from './cache-dir';
import { loadCli } from './load-cli';

const outcome = loadCli(
  join(__dirname, 'cli.cjs'),
  getCodeCacheDir(process.env, process.platform, homedir),
  process.env,
);
if (process.env.QUOTA_BROKER_CODE_CACHE_REPORT)
  process.stderr.write(`code cache: ${JSON.stringify(outcome)}\n`);
