/**
 * Per-slot checks of the stored login (docs/doctor.md): config dir, credential item, access-token expiry
 * (or the server's refusal of a token valid locally), login expiry or age, and whether an inactive slot's
 * login is dead or was renewed. Offline, what cannot be known from disk is called unknown, with the
 * command that finds out; with `--online` the answer of the broker's own refresh path replaces it. Pure.
 */
import { ACCESS_EXPIRY_MARGIN_MS } from '../timing';
import { formatDuration, formatRelative } from './duration';
import { reloginFix, type SlotContext } from './slot-context';
import type { Finding, FindingLevel, SlotFacts } from './types';

type Make = (level: FindingLevel, code: string, message: string, fix: string | null) => Finding;

/** The command that finds out whether a login still works, by the broker's own refresh path. */
export const FIND_OUT_FIX = 'run: quota-broker doctor --online (tries the refresh the broker would make)';

/**
 * An expired access token, offline: whether the login behind it still works is unknown until a refresh is
 * tried (refresh tokens die server-side without a trace on disk), so say so, with the command that finds
 * out — never "the broker will refresh it".
 */
function expiredAccess(slot: SlotFacts, ctx: SlotContext, ago: string): { message: string; fix: string } {
  const base = `access token expired ${ago}; whether the login (refresh token) still works is unknown until a refresh is tried`;
  if (ctx.mode !== 'never') return { message: base, fix: FIND_OUT_FIX };
  const env = slot.claudeConfigDirEnv ? `CLAUDE_CONFIG_DIR=${shellQuote(slot.claudeConfigDirEnv)} ` : '';
  return {
    message: `${base}; token_refresh is never, so it stays expired until Claude Code refreshes it`,
    fix: `run: ${env}claude auth status`,
  };
}

/** Quotes a path for a command a person copies into a shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./~:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Why an inactive slot with stored credentials is inactive, in one finding. */
function inactiveFinding(slot: SlotFacts, fingerprint: string, now: number, make: Make): Finding {
  if (slot.inactiveFingerprint && slot.inactiveFingerprint !== fingerprint) {
    return make(
      'warn',
      'relogin_pending',
      'inactive, but a new login was stored since it went inactive; the next cycle puts it back in service',
      `run: quota-broker refresh --slot ${slot.id}`,
    );
  }
  const err = slot.cache?.last_error;
  const dead = slot.cache?.health === 'login_dead' || err?.kind === 'login_dead';
  if (slot.probe?.state === 'ok') {
    return make(
      'problem',
      'inactive_login_works',
      `inactive (status: inactive in the registry), but its login works: checked online just now${slot.probe.renewed ? ', the access token was renewed' : ''}; the broker does not poll it while it is inactive`,
      `run: quota-broker slots enable ${slot.id}`,
    );
  }
  if (!dead) {
    // The broker did not record why (an old tool's registry, or a cache it did not write).
    return make(
      'problem',
      'inactive',
      'inactive (status: inactive in the registry) for a reason the broker did not record; no usage calls are made, and whether its login still works is unknown',
      FIND_OUT_FIX,
    );
  }
  const access = slot.credentials.state === 'ok' ? slot.credentials.accessExpiresAt : null;
  const parts = ['login dead'];
  if (access != null)
    parts.push(
      access <= now ? `access token expired ${formatRelative(access, now)}` : `access token still valid`,
    );
  parts.push(`the refresh token was rejected${err ? ` ${formatRelative(err.at, now)}` : ''} (invalid_grant)`);
  return make('problem', 'login_dead', `${parts.join('; ')}; only a re-login helps`, reloginFix(slot.id));
}

/**
 * Login findings for an enabled slot. Returns `usable: false` when the slot cannot be used at all
 * (the activity checks then add only what helps explain it).
 */
export function getLoginFindings(
  slot: SlotFacts,
  ctx: SlotContext,
  now: number,
): { findings: Finding[]; usable: boolean } {
  const make: Make = (level, code, message, fix) => ({ level, scope: slot.id, code, message, fix });
  const cred = slot.credentials;
  if (!slot.configDirExists) {
    const fix = `correct config_dir in ${ctx.registryPath}, or ${reloginFix(slot.id)}`;
    return {
      findings: [make('problem', 'config_dir_missing', `config dir ${slot.configDir} does not exist`, fix)],
      usable: false,
    };
  }
  switch (cred.state) {
    case 'absent':
      return {
        findings: [
          make(
            'problem',
            'no_credentials',
            `no Claude Code login stored (${cred.where})`,
            reloginFix(slot.id),
          ),
        ],
        usable: false,
      };
    case 'unreadable':
      return {
        findings: [make('problem', 'credentials_unreadable', cred.error, reloginFix(slot.id))],
        usable: false,
      };
    case 'logged_out':
      return {
        findings: [
          make(
            'problem',
            'login_dead',
            `login dead: ${cred.where} holds Claude Code's logged-out stub (its refresh token was rejected); only a re-login helps`,
            reloginFix(slot.id),
          ),
        ],
        usable: false,
      };
    case 'ok':
      break;
  }
  if (slot.probe?.state === 'login_dead') {
    return {
      findings: [
        make(
          'problem',
          'login_dead',
          `login dead: checked online just now, the refresh token was rejected (${slot.probe.message.replace(/\s*Run: quota-broker relogin \S+$/, '')}); only a re-login helps`,
          reloginFix(slot.id),
        ),
      ],
      usable: false,
    };
  }
  if (slot.status === 'inactive') {
    const f = inactiveFinding(slot, cred.fingerprint, now, make);
    return { findings: [f], usable: f.level !== 'problem' };
  }
  const findings: Finding[] = [make('ok', 'credentials_ok', `login stored in ${cred.where}`, null)];
  if (cred.loginExpiresAt != null && cred.loginExpiresAt <= now) {
    findings.push(
      make(
        'problem',
        'login_expired',
        `the login expired ${formatRelative(cred.loginExpiresAt, now)}; only a re-login helps`,
        reloginFix(slot.id),
      ),
    );
    return { findings, usable: false };
  }
  findings.push(accessFinding(slot, cred.accessExpiresAt, ctx, now, make));
  findings.push(loginExpiryFinding(slot, cred.loginExpiresAt, ctx.loginExpiryWarnMs, now, make));
  return { findings, usable: true };
}

/**
 * The access token: valid, expired, or refused by the server while valid locally (`token_rejected_at`: the
 * session was ended on the server) — and, with `--online`, what the broker's refresh path found.
 */
function accessFinding(
  slot: SlotFacts,
  accessExpiresAt: number,
  ctx: SlotContext,
  now: number,
  make: Make,
): Finding {
  const expired = now >= accessExpiresAt - ACCESS_EXPIRY_MARGIN_MS;
  const rejectedAt = slot.cache?.token_rejected_at ?? null;
  const probe = slot.probe;
  const renewed = probe?.state === 'ok' && probe.renewed;
  if (expired) {
    const ago = formatRelative(accessExpiresAt, now);
    if (renewed)
      return make(
        'ok',
        'access_renewed',
        `access token had expired ${ago}; renewed just now: the login works`,
        null,
      );
    const { message, fix } = expiredAccess(slot, ctx, ago);
    return make('warn', 'access_expired', message, probe?.state === 'failed' ? null : fix);
  }
  const valid = `valid for ${formatDuration(accessExpiresAt - now)}`;
  if (rejectedAt !== null) {
    if (probe?.state === 'ok')
      return make(
        'ok',
        'access_renewed',
        `the server had refused the access token ${formatRelative(rejectedAt, now)}; ${renewed ? 'renewed just now' : 'it is accepted again'}: the login works`,
        null,
      );
    return make(
      'problem',
      'token_rejected',
      `the server refused the access token ${formatRelative(rejectedAt, now)} (401) although it is ${valid} here: the session was probably ended on the server; whether the login still works is unknown, and the slot is not recommended meanwhile`,
      probe?.state === 'failed' ? null : FIND_OUT_FIX,
    );
  }
  if (renewed)
    return make(
      'ok',
      'access_renewed',
      'the server refused the access token just now although it was valid here; it was renewed and the usage endpoint answers: the login works',
      null,
    );
  return make('ok', 'access_valid', `access token ${valid}`, null);
}

function loginExpiryFinding(
  slot: SlotFacts,
  loginExpiresAt: number | null,
  warnMs: number,
  now: number,
  make: Make,
): Finding {
  if (loginExpiresAt != null) {
    const left = loginExpiresAt - now;
    if (left <= warnMs) {
      return make(
        'warn',
        'login_expiring',
        `the login expires in ${formatDuration(left)}`,
        `${reloginFix(slot.id)} before then`,
      );
    }
    return make('ok', 'login_valid', `login valid for ${formatDuration(left)}`, null);
  }
  const age =
    slot.loginSeenAt != null
      ? `login first seen ${formatRelative(slot.loginSeenAt, now)}`
      : 'login age unknown';
  return make('ok', 'login_age', `${age} (Claude Code stored no expiry for it)`, null);
}
