/**
 * Reading and updating Claude Code's login through any credential store. The only writer of
 * credentials in the broker: it never writes a logged-out stub and never overwrites what it could not parse.
 * Locking (Claude Code's refresh and storage-write locks) is the caller's job; see docs/claude-code.md.
 */
import { redactUnknown } from '../../domain/redact';
import type { OAuthTokens } from '../../domain/types';
import {
  type CredentialStore,
  CredentialStoreError,
  type CredentialStoreErrorCode,
  type CredentialTarget,
} from '../../ports/credential-store';
import {
  getTokenFingerprint,
  isCompleteTokenPatch,
  mergeTokens,
  parseCredentialsJson,
  type TokenPatch,
} from './credentials-json';

export { getTokenFingerprint, isAccessExpired, type TokenPatch } from './credentials-json';

export type CredentialsReadResult =
  /** No keychain item / no file. */
  | { state: 'absent' }
  /** The item exists but holds no login (no `claudeAiOauth`, or Claude Code's empty stub). */
  | { state: 'logged_out' }
  | { state: 'ok'; tokens: OAuthTokens; fingerprint: string }
  /** A sentence naming the item or file, never its contents; `cause` tells broken JSON from store errors. */
  | { state: 'unreadable'; error: string; cause: 'malformed' | CredentialStoreErrorCode };

export type UpdateTokensResult =
  | { ok: true; fingerprint: string }
  | {
      ok: false;
      reason: 'absent' | 'logged_out' | 'unreadable' | 'invalid_patch' | 'changed' | 'write_failed';
      /** A sentence a person can act on; never contains a token. */
      message: string;
    };

export interface UpdateTokensOptions {
  /**
   * Compare-and-swap guard: write only if the stored refresh token is still this one (the one that was
   * sent to the token endpoint). Otherwise someone else refreshed or re-logged in meanwhile.
   */
  expectedRefreshToken?: string;
  /**
   * Recovery of a journaled refresh only (refresh-journal.ts): the store may hold Claude Code's logged-out
   * stub, written after it posted the token our crashed refresh had spent; the journaled login replaces it.
   */
  replaceLoggedOut?: boolean;
}

/** Reads and classifies the credentials of `target`. Never throws. */
export async function readCredentials(
  store: CredentialStore,
  target: CredentialTarget,
): Promise<CredentialsReadResult> {
  const loaded = await loadRaw(store, target);
  if (loaded.state !== 'text') return loaded;
  const parsed = parseCredentialsJson(loaded.text);
  switch (parsed.state) {
    case 'malformed':
      return {
        state: 'unreadable',
        error: `${store.describe(target)} ${parsed.reason}.`,
        cause: 'malformed',
      };
    case 'logged_out':
      return { state: 'logged_out' };
    case 'ok':
      return { state: 'ok', tokens: parsed.tokens, fingerprint: getTokenFingerprint(parsed.tokens) };
  }
}

/**
 * Writes new tokens into `target`'s stored login by read-modify-write, keeping every key it does not
 * own (top level and inside `claudeAiOauth`). Refuses, leaving the store untouched, when the patch is
 * not a full login (never a stub), when nothing is stored, when the store holds no login (a person may
 * have logged out), when the content cannot be parsed, or when `expectedRefreshToken` no longer matches.
 * Never throws.
 */
export async function updateTokens(
  store: CredentialStore,
  target: CredentialTarget,
  patch: TokenPatch,
  options: UpdateTokensOptions = {},
): Promise<UpdateTokensResult> {
  const where = store.describe(target);
  if (!isCompleteTokenPatch(patch)) {
    return refuse(
      'invalid_patch',
      `Refused to write incomplete tokens to ${where} (that would log the account out).`,
    );
  }
  const loaded = await loadRaw(store, target);
  if (loaded.state === 'absent')
    return refuse('absent', `${where} does not exist; log in with Claude Code first.`);
  if (loaded.state === 'unreadable') return refuse('unreadable', `${loaded.error} Nothing was written.`);
  const parsed = parseCredentialsJson(loaded.text);
  if (parsed.state === 'malformed') {
    return refuse('unreadable', `${where} ${parsed.reason}; it was left untouched.`);
  }
  if (parsed.state === 'logged_out') {
    if (!options.replaceLoggedOut)
      return refuse('logged_out', `${where} holds no login any more; nothing was written.`);
  } else if (
    options.expectedRefreshToken !== undefined &&
    parsed.tokens.refreshToken !== options.expectedRefreshToken
  ) {
    return refuse('changed', `The login in ${where} changed meanwhile; nothing was written.`);
  }
  try {
    await store.writeRaw(target, JSON.stringify(mergeTokens(parsed.doc, patch)));
  } catch (error) {
    return refuse('write_failed', errorSentence(error, `Could not write ${where}.`));
  }
  return { ok: true, fingerprint: getTokenFingerprint(patch) };
}

type Loaded =
  | { state: 'text'; text: string }
  | { state: 'absent' }
  | Extract<CredentialsReadResult, { state: 'unreadable' }>;

async function loadRaw(store: CredentialStore, target: CredentialTarget): Promise<Loaded> {
  try {
    const text = await store.readRaw(target);
    return text === null ? { state: 'absent' } : { state: 'text', text };
  } catch (error) {
    const cause = error instanceof CredentialStoreError ? error.code : 'io';
    return {
      state: 'unreadable',
      error: errorSentence(error, `Could not read ${store.describe(target)}.`),
      cause,
    };
  }
}

/** A store error's own sentence (redacted), or a generic one for anything unexpected. */
function errorSentence(error: unknown, fallback: string): string {
  if (error instanceof CredentialStoreError) return redactUnknown(error);
  return `${fallback} (${redactUnknown(error).slice(0, 200)})`;
}

function refuse(
  reason: Extract<UpdateTokensResult, { ok: false }>['reason'],
  message: string,
): UpdateTokensResult {
  return { ok: false, reason, message };
}
