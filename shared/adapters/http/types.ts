import type { ErrorKind, UsageSnapshot } from '../../domain/types';

/** Result of one usage call. Errors are values: the engine classifies, never throws past here. */
export type UsageResult =
  | { ok: true; snapshot: UsageSnapshot; status: 200 }
  | {
      ok: false;
      kind: Extract<
        ErrorKind,
        | 'offline'
        | 'timeout'
        | 'server_error'
        | 'rate_limited'
        | 'unauthorized'
        | 'forbidden'
        | 'bad_response'
      >;
      status: number | null;
      /** Seconds from a Retry-After header, when the server sent one. */
      retryAfterS: number | null;
      message: string;
    };

/** Result of one POST to the token endpoint (interop doc "Refreshing a token"). */
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
  subscription: string | null;
  rateLimitTier: string | null;
}

export interface HttpOptions {
  timeoutMs: number;
  /** Injected for tests that need it; defaults to the global fetch. */
  fetch?: typeof fetch;
}
