import type { ErrorKind, UsageSnapshot } from '../../domain/types';
import type { FetchLike } from '../../ports/fetch';

/** Failure classes a GET to the usage or profile endpoint can end in. */
export type HttpFailureKind = Extract<
  ErrorKind,
  'offline' | 'timeout' | 'server_error' | 'rate_limited' | 'unauthorized' | 'forbidden' | 'bad_response'
>;

/** A failed call to the usage or profile endpoint. The message is redacted and never holds a token. */
export interface HttpFailure {
  ok: false;
  kind: HttpFailureKind;
  status: number | null;
  /** Seconds from a Retry-After header, when the server sent one (`0` does not mean "retry now"). */
  retryAfterS: number | null;
  message: string;
}

/** Result of one usage call. Errors are values: the engine classifies, never throws past here. */
export type UsageResult = { ok: true; snapshot: UsageSnapshot; status: 200 } | HttpFailure;

/** Result of one POST to the token endpoint (docs/claude-code.md "Refreshing a token"). */
export type TokenRefreshResult =
  | {
      ok: true;
      accessToken: string;
      /** Absent when the server keeps the old refresh token. */
      refreshToken: string | null;
      expiresInS: number;
      refreshTokenExpiresInS: number | null;
      scope: string | null;
    }
  | {
      ok: false;
      /** invalid_grant is terminal only if the token sent is still the stored one (the caller decides). */
      kind: 'invalid_grant' | 'invalid_client' | 'transient';
      status: number | null;
      message: string;
    };

export interface ProfileResult {
  email: string | null;
  /** `max`, `pro`, … (the organization type without its `claude_` prefix). */
  subscription: string | null;
  rateLimitTier: string | null;
}

/** Result of one profile call: the profile fields flattened next to `ok`, or a failure. */
export type ProfileFetchResult = (ProfileResult & { ok: true; status: 200 }) | HttpFailure;

export interface HttpOptions {
  timeoutMs: number;
  /** Injected for tests that need it; defaults to {@link nodeFetch} (node:http, no undici). */
  fetch?: FetchLike;
}
