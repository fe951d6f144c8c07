/**
 * Per-slot checks of the stored login (docs/doctor.md): config dir, credential item, access-token expiry,
 * login expiry or age, and whether an inactive slot's login is dead or was renewed. Pure.
 */
import { ACCESS_EXPIRY_MARGIN_MS } from '../timing';
import { formatDuration, formatRelative } from './duration';
import { reloginFix, type SlotContext } from './slot-context';
import type { Finding, FindingLevel, SlotFacts } from './types';

type Make = (level: FindingLevel, code: string, message: string, fix: string | null) => Finding;

/** How the access token gets renewed in each mode, and what a person can do meanwhile. */
function expiredAccess(slot: SlotFacts, ctx: SlotContext, ago: string): { message: string; fix: string } {
  const base = `access token expired ${ago}; the login (refresh token) is still stored`;
  const refreshNow = `run: quota-broker refresh --slot ${slot.id} (or wait for the broker's next cycle)`;
  switch (ctx.mode) {
    case 'delegate':
      return {
        message: `${base}, so the broker will have Claude Code refresh it before the next usage call`,
        fix: refreshNow,
      };
    case 'locked':
      return {
        message: `${base}, so the broker will refresh it before the next usage call`,
        fix: refreshNow,
      };
    case 'never': {
      const env = slot.claudeConfigDirEnv ? `CLAUDE_CONFIG_DIR=${shellQuote(slot.claudeConfigDirEnv)} ` : '';
      return {
        message: `${base}; token_refresh is never, so it stays expired until Claude Code refreshes it`,
        fix: `run: ${env}claude auth status`,
      };
    }
  }
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
  if (!dead) {
    return make(
      'problem',
      'inactive',
      'inactive (status: inactive in the registry); no usage calls are made',
      reloginFix(slot.id),
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
  if (now >= cred.accessExpiresAt - ACCESS_EXPIRY_MARGIN_MS) {
    const { message, fix } = expiredAccess(slot, ctx, formatRelative(cred.accessExpiresAt, now));
    findings.push(make('warn', 'access_expired', message, fix));
  } else {
    findings.push(
      make(
        'ok',
        'access_valid',
        `access token valid for ${formatDuration(cred.accessExpiresAt - now)}`,
        null,
      ),
    );
  }
  findings.push(loginExpiryFinding(slot, cred.loginExpiresAt, ctx.loginExpiryWarnMs, now, make));
  return { findings, usable: true };
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
