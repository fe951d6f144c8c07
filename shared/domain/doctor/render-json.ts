/**
 * `doctor --json`: a stable shape for scripts, documented in docs/doctor.md (version 1) and checked by its
 * schema (schemas/output/doctor.ts, docs/json-schema/doctor.json). Keys are
 * snake_case; additions are allowed, renames and removals bump `version`. No token can appear:
 * credentials are described, never read out.
 */

import { getOpenAlertJson } from '../alerts/episodes';
import { redact } from '../redact';
import { HOUR_MS } from '../schedule';
import type { DoctorJson } from '../schemas/output/doctor';
import { getWhatToDo } from './report';
import type { DoctorFacts, DoctorReport, GlobalFacts, ProbeFacts, SlotFacts } from './types';

export const DOCTOR_JSON_VERSION = 1;

function probeJson(p: ProbeFacts | null) {
  if (!p) return null;
  if (p.state === 'ok')
    return { state: p.state, five_hour: p.fiveHour, seven_day: p.sevenDay, renewed: p.renewed };
  return p;
}

function slotJson(s: SlotFacts, now: number) {
  const cred = s.credentials;
  return {
    email: s.email,
    config_dir: s.configDir,
    config_dir_exists: s.configDirExists,
    enabled: s.enabled,
    status: s.status,
    health: s.cache?.health ?? null,
    credentials: { state: cred.state, where: cred.where },
    access_expires_at: cred.state === 'ok' ? cred.accessExpiresAt : null,
    login_expires_at: cred.state === 'ok' ? cred.loginExpiresAt : null,
    login_seen_at: s.loginSeenAt,
    last_fetched: s.cache?.last_fetched ?? null,
    last_error: s.cache?.last_error ?? null,
    requests_last_hour: s.requests.filter((t) => t > now - HOUR_MS && t <= now).length,
    backoff_until: s.backoff && s.backoff.until > now ? s.backoff.until : null,
    probe: probeJson(s.probe),
  };
}

function globalJson(g: GlobalFacts, now: number) {
  const r = g.registry;
  const c = g.cache;
  return {
    state_dir: g.stateDir.path,
    registry: {
      state: r.state,
      path: r.path,
      slots: r.state === 'ok' ? r.slots : null,
      error: r.state === 'error' ? r.message : null,
      line: r.state === 'error' ? r.line : null,
      col: r.state === 'error' ? r.col : null,
    },
    slots_origin: g.slotsOrigin,
    cache: {
      state: c.state,
      path: c.path,
      ts: c.state === 'ok' ? c.ts : null,
      age_ms: c.state === 'ok' ? now - c.ts : null,
      stale_threshold_s: g.staleThresholdS,
      error: c.state === 'error' ? c.message : null,
      writer: c.state === 'ok' ? c.writer : null,
    },
    broker: {
      running: g.broker.alive,
      pid: g.broker.pid,
      surface: g.broker.surface,
      heartbeat_age_ms: g.broker.heartbeatAgeMs,
      last_cycle_at: g.broker.lastCycleAt,
    },
    service: {
      kind: g.service.kind,
      path: g.service.path,
      installed: g.service.installed,
      stdout: g.service.stdout,
      stderr: g.service.stderr,
      command: g.service.command,
      missing_program: g.service.missingProgram,
    },
    cron: {
      sources: g.cron.sources,
      note: g.cron.note,
      lines: g.cron.lines.map((l) => ({
        source: l.source,
        line: l.lineNumber,
        text: l.text,
        runs_broker: l.runsBroker,
        discards_output: l.discardsOutput,
        kind: l.kind,
      })),
    },
    log: { path: g.log.path, exists: g.log.exists, recent_errors: g.log.recentErrors },
    claude_bin: g.claudeBin,
    token_refresh: g.tokenRefresh,
    alerts: {
      enabled: g.delivery.enabled,
      notify_command: g.delivery.notifyCommand,
      notifier: g.delivery.notifier?.name ?? null,
      notifier_path: g.delivery.notifier?.path ?? null,
      display: g.delivery.display,
      session_bus: g.delivery.sessionBus,
      delivery_failures: g.log.deliveryFailures,
    },
  };
}

/** The JSON document (an object, not text). */
export function getDoctorJson(facts: DoctorFacts, report: DoctorReport, now: number): DoctorJson {
  return {
    version: DOCTOR_JSON_VERSION,
    generated_at: now,
    online: facts.online,
    exit_code: report.exitCode,
    healthy: report.exitCode === 0,
    summary: { problems: report.problems, warnings: report.warnings, slots: facts.slots.length },
    findings: report.findings,
    what_to_do: getWhatToDo(report.findings),
    slots: Object.fromEntries(facts.slots.map((s) => [s.id, slotJson(s, now)])),
    global: globalJson(facts.global, now),
    open_alerts: facts.global.openAlerts.map(getOpenAlertJson),
  };
}

/** The JSON text, redacted as a last guard. */
export function renderDoctorJson(facts: DoctorFacts, report: DoctorReport, now: number): string {
  return redact(JSON.stringify(getDoctorJson(facts, report, now), null, 2));
}
