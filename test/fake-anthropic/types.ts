/** Routes whose behaviour a test can switch with `setMode`. */
export type FakeRoute = 'usage' | 'token' | 'profile';

/**
 * How a route answers. `normal` is the real behaviour; the others are faults:
 * `429` (with a Retry-After header, default `0`), `500`, `hang` (never answers), `html` (200 with a web
 * page), `garbage` (200 with truncated JSON), `huge` (200 with ~5 MB of JSON, streamed without a
 * length), `binary` (200 with bytes that are not text).
 */
export type FakeMode = 'normal' | '429' | '500' | 'hang' | 'html' | 'garbage' | 'huge' | 'binary';

export interface FakeModeOptions {
  /** Retry-After header value for mode `429`; default `'0'`. */
  retryAfter?: string;
}

export interface FakeAccountInit {
  email: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch ms; default now + accessTtlS. */
  accessExpiresAt?: number;
  /** Epoch ms; default never (or now + refreshTtlS when the server has one). */
  refreshExpiresAt?: number;
  /** The JSON the usage endpoint answers; default the shape of test/fixtures/usage-response.json. */
  usage?: unknown;
  /** `max` (default) or `pro`; the profile's organization_type is `claude_<subscription>`. */
  subscription?: string;
  /** Default `default_claude_max_20x`. */
  rateLimitTier?: string;
  /** Scopes the login has; without `user:profile` the usage endpoint answers 403. */
  scopes?: string[];
}

export interface FakeTokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface FakeRequestLog {
  route: FakeRoute | 'hello' | 'unknown';
  method: string;
  path: string;
  /** The account the request was for, when its token told. */
  email: string | null;
  /** null when the request was never answered (mode `hang`). */
  status: number | null;
  at: number;
  userAgent: string | null;
}

export interface FakeStats {
  /** Usage requests per account (any outcome). */
  usageCalls: Record<string, number>;
  /** Token posts per account (any outcome; unknown tokens are not counted here). */
  tokenCalls: Record<string, number>;
  /** Posts of a refresh token that was valid once and has since been spent by a rotation. */
  refreshReuse: number;
  profileCalls: number;
  requests: FakeRequestLog[];
}

export interface FakeAnthropicOptions {
  /** Delay before every answer. */
  latencyMs?: number;
  /** Serve HTTPS with this key and certificate instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Lifetime of issued access tokens; default 28800 s. */
  accessTtlS?: number;
  /** When set, issued refresh tokens expire and answers carry `refresh_token_expires_in`. */
  refreshTtlS?: number;
  /** Usage calls answered per account per trailing hour before 429s; default 30. */
  usageBudgetPerHour?: number;
  /** The usage answer of a new account; default the fixture's (whose reset times have passed). */
  defaultUsage?: () => unknown;
}

export interface FakeAnthropic {
  /** Base URL (`http://127.0.0.1:<port>`): QUOTA_BROKER_API_URL. */
  readonly url: string;
  /** `url + '/v1/oauth/token'`: QUOTA_BROKER_TOKEN_URL. */
  readonly tokenUrl: string;
  readonly port: number;
  /** Live counters; `resetStats()` clears them. */
  readonly stats: FakeStats;
  close(): Promise<void>;
  /** Adds an account, or re-logs an existing one in (its previous tokens die). */
  addAccount(init: FakeAccountInit): FakeTokenPair;
  setUsage(email: string, usage: unknown): void;
  /** Kills the login: the refresh token answers invalid_grant and the access token 401. */
  revokeLogin(email: string, opts?: { keepAccess?: boolean }): void;
  /** Makes every access token of the account expired (usage → 401). */
  expireAccess(email: string): void;
  setMode(route: FakeRoute, mode: FakeMode, opts?: FakeModeOptions): void;
  setLatency(ms: number): void;
  setUsageBudget(callsPerHour: number): void;
  /** Forgets the usage calls counted against each account's hourly budget. */
  resetBudget(): void;
  currentRefreshToken(email: string): string | null;
  currentAccessToken(email: string): string | null;
  resetStats(): void;
  /** Every access and refresh token the fake ever issued or was given (secret scans look for them). */
  issuedTokens(): string[];
}
