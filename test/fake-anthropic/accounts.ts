import { defaultUsage } from './default-usage';
import { fakeAccessToken, fakeRefreshToken, fakeUuid } from './tokens';
import type { FakeAccountInit, FakeTokenPair } from './types';

const HOUR_MS = 3_600_000;
const DEFAULT_SCOPES = ['user:profile', 'user:inference', 'user:sessions:claude_code', 'user:mcp_servers'];

export interface FakeAccount {
  email: string;
  uuid: string;
  orgUuid: string;
  usage: unknown;
  subscription: string;
  rateLimitTier: string;
  scopes: string[];
  /** Times of usage calls admitted within the trailing hour (the 429 budget). */
  usageCallTimes: number[];
}

interface AccessEntry {
  email: string;
  expiresAt: number;
  revoked: boolean;
}

/** live: usable once; spent: rotated away (posting it again is reuse); revoked: killed by a new login. */
type RefreshState = 'live' | 'spent' | 'revoked';

interface RefreshEntry {
  email: string;
  state: RefreshState;
  expiresAt: number | null;
}

export type AccessCheck = { email: string; state: 'live' | 'expired' | 'revoked' } | null;

export type RotateResult =
  | { ok: true; email: string; pair: FakeTokenPair }
  | { ok: false; email: string | null; reuse: boolean };

/** The fake's accounts and every token it ever issued, with the real rotation semantics. */
export class AccountBook {
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly access = new Map<string, AccessEntry>();
  private readonly refresh = new Map<string, RefreshEntry>();
  private readonly currentPairs = new Map<string, FakeTokenPair>();

  constructor(
    private readonly accessTtlMs: number,
    private readonly refreshTtlMs: number | null,
    private readonly newUsage: () => unknown = defaultUsage,
  ) {}

  /** Adds an account, or logs it in again: every earlier token of the account dies. */
  add(init: FakeAccountInit, now: number): FakeTokenPair {
    const existing = this.accounts.get(init.email);
    if (existing) this.revoke(init.email, false);
    const account: FakeAccount = {
      email: init.email,
      uuid: existing?.uuid ?? fakeUuid(),
      orgUuid: existing?.orgUuid ?? fakeUuid(),
      usage: init.usage ?? existing?.usage ?? this.newUsage(),
      subscription: init.subscription ?? existing?.subscription ?? 'max',
      rateLimitTier: init.rateLimitTier ?? existing?.rateLimitTier ?? 'default_claude_max_20x',
      scopes: init.scopes ?? existing?.scopes ?? DEFAULT_SCOPES,
      usageCallTimes: existing?.usageCallTimes ?? [],
    };
    this.accounts.set(init.email, account);
    const pair = {
      accessToken: init.accessToken ?? fakeAccessToken(),
      refreshToken: init.refreshToken ?? fakeRefreshToken(),
    };
    this.issue(init.email, pair, now, init.accessExpiresAt, init.refreshExpiresAt);
    return pair;
  }

  get(email: string): FakeAccount | undefined {
    return this.accounts.get(email);
  }

  /** Looks the account up by e-mail or throws (a test calling a control method with a typo). */
  must(email: string): FakeAccount {
    const account = this.accounts.get(email);
    if (!account) throw new Error(`fake-anthropic: no account ${email}`);
    return account;
  }

  checkAccess(token: string, now: number): AccessCheck {
    const entry = this.access.get(token);
    if (!entry) return null;
    if (entry.revoked) return { email: entry.email, state: 'revoked' };
    return { email: entry.email, state: now < entry.expiresAt ? 'live' : 'expired' };
  }

  /** Who a refresh token belongs to, without spending it. */
  refreshOwner(token: string): string | null {
    return this.refresh.get(token)?.email ?? null;
  }

  /** Spends a refresh token and issues a new pair; a spent, revoked, expired or unknown one fails. */
  rotate(token: string, now: number): RotateResult {
    const entry = this.refresh.get(token);
    if (!entry) return { ok: false, email: null, reuse: false };
    if (entry.state !== 'live') return { ok: false, email: entry.email, reuse: entry.state === 'spent' };
    if (entry.expiresAt !== null && now >= entry.expiresAt) {
      return { ok: false, email: entry.email, reuse: false };
    }
    entry.state = 'spent';
    const pair = { accessToken: fakeAccessToken(), refreshToken: fakeRefreshToken() };
    this.issue(entry.email, pair, now);
    return { ok: true, email: entry.email, pair };
  }

  revoke(email: string, keepAccess: boolean): void {
    this.must(email);
    for (const entry of this.refresh.values()) {
      if (entry.email === email && entry.state === 'live') entry.state = 'revoked';
    }
    if (keepAccess) return;
    for (const entry of this.access.values()) if (entry.email === email) entry.revoked = true;
  }

  expireAccess(email: string, now: number): void {
    this.must(email);
    for (const entry of this.access.values()) {
      if (entry.email === email) entry.expiresAt = Math.min(entry.expiresAt, now - 1);
    }
  }

  /** Every access and refresh token ever issued (for secret scans). */
  allTokens(): string[] {
    return [...this.access.keys(), ...this.refresh.keys()];
  }

  current(email: string): FakeTokenPair | null {
    return this.currentPairs.get(email) ?? null;
  }

  /** Admits one usage call against the account's trailing-hour budget; false when it is used up. */
  admitUsageCall(account: FakeAccount, budget: number, now: number): boolean {
    account.usageCallTimes = account.usageCallTimes.filter((t) => now - t < HOUR_MS);
    if (account.usageCallTimes.length >= budget) return false;
    account.usageCallTimes.push(now);
    return true;
  }

  resetBudgets(): void {
    for (const account of this.accounts.values()) account.usageCallTimes = [];
  }

  get accessTtlS(): number {
    return this.accessTtlMs / 1000;
  }

  get refreshTtlS(): number | null {
    return this.refreshTtlMs === null ? null : this.refreshTtlMs / 1000;
  }

  private issue(
    email: string,
    pair: FakeTokenPair,
    now: number,
    accessExpiresAt?: number,
    refreshExpiresAt?: number,
  ): void {
    this.access.set(pair.accessToken, {
      email,
      expiresAt: accessExpiresAt ?? now + this.accessTtlMs,
      revoked: false,
    });
    const refreshExpiry = refreshExpiresAt ?? (this.refreshTtlMs === null ? null : now + this.refreshTtlMs);
    this.refresh.set(pair.refreshToken, { email, state: 'live', expiresAt: refreshExpiry });
    this.currentPairs.set(email, pair);
  }
}
