/**
 * What `scripts/bench/run.mjs` needs from the TypeScript sources, bundled by it with esbuild into one
 * ESM file: the fake server, temp homes, the engine with an injected clock. Not used by the product.
 */

export { refreshAccessToken } from '../../shared/adapters/http/token-client';
export { fetchUsage } from '../../shared/adapters/http/usage-client';
export { claudeCodeUserAgent } from '../../shared/adapters/http/user-agent';
export { writeObservation } from '../../shared/adapters/observations';
export { runCycle } from '../../shared/engine/cycle';
export { createFakeAnthropic } from '../../test/fake-anthropic';
export { defaultUsage } from '../../test/fake-anthropic/default-usage';
export { createTestClock, createTestDeps } from '../../test/support/engine-deps';
export { createTempHome } from '../../test/support/temp-home';
