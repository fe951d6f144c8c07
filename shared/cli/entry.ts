/** The `quota-broker` process (bundled to dist/cli.cjs): runs the CLI on this process's argv and streams. */
import { runQuotaBroker } from './main';

void runQuotaBroker(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
}).then((code) => {
  process.exitCode = code;
});
