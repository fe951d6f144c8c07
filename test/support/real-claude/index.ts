export { ANTHROPIC_HOSTS, makeTestCerts, type TestCerts } from './certs';
export { REPO_CLAUDE, realClaudeEnv, requireRealClaude } from './claude-bin';
export { type FakeNet, startFakeNet } from './fake-net';
export {
  type AccountFiles,
  CLAUDE_SCOPES,
  type ClaudeAiOauth,
  type ClaudeHome,
  claudeJsonPath,
  credentialsPath,
  makeClaudeHome,
  readCredentials,
  readLogin,
  STUB_LOGIN,
  writeAccount,
} from './homes';
export {
  canUseNamespaces,
  namespacedArgv,
  runInNamespace,
  writeHostsFile,
  writeNamespacedClaude,
} from './namespace';
export { REPO_CCSTATUSLINE, requireCcstatusline, writePowerlineStandIn } from './peers';
export { runTuiWithStatusline, type TuiOptions } from './tui';
