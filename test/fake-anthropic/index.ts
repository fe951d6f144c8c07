export { createFakeAnthropic } from './server';
export type {
  FakeAccountInit,
  FakeAnthropic,
  FakeAnthropicOptions,
  FakeMode,
  FakeModeOptions,
  FakeRequestLog,
  FakeRoute,
  FakeStats,
  FakeTokenPair,
} from './types';
