import { useEffect, useState } from 'react';
import type { AdoptCandidate, AdoptReport } from '../../shared/domain/adopt';
import type { QuotaApi } from '../../shared/ipc/contract';

type Phase =
  | { kind: 'looking' }
  | { kind: 'found'; report: AdoptReport }
  | { kind: 'adding'; report: AdoptReport }
  | { kind: 'added'; report: AdoptReport }
  | { kind: 'failed'; message: string };

const LOGIN_TEXT: Record<AdoptCandidate['login'], string> = {
  ok: 'login stored',
  logged_out: 'logged out: needs a re-login',
  absent: 'no login stored',
  unreadable: 'login unreadable',
  unknown: 'login not checked',
};

function describeCandidate(c: AdoptCandidate): string {
  const who = c.email ? `${c.email}, ` : '';
  const from = c.from ? ` — from ${c.from}` : c.default ? ' — the default account' : '';
  return `${c.id} (${who}${c.config_dir}): ${LOGIN_TEXT[c.login]}${from}`;
}

/**
 * The empty state's offer to adopt an existing setup (`quota-broker slots discover --add` in the UI):
 * what the host found on disk, and one button that adds it to the registry.
 */
export function AdoptSetup({ api }: { api: QuotaApi }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'looking' });
  useEffect(() => {
    let live = true;
    api.discoverSlots(false).then(
      (r) =>
        live &&
        setPhase(r.ok ? { kind: 'found', report: r.value } : { kind: 'failed', message: r.error.message }),
      (cause: unknown) => live && setPhase({ kind: 'failed', message: String(cause) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (phase.kind === 'looking')
    return <p className="muted">Looking for Claude Code logins on this machine…</p>;
  if (phase.kind === 'failed')
    return (
      <p className="notice notice--bad" role="alert">
        Could not look for an existing setup: {phase.message}
      </p>
    );
  if (phase.kind === 'added')
    return (
      <p role="status">
        Added {phase.report.added.join(', ')} to {phase.report.registry}. Their quota appears here after the
        refresh.
      </p>
    );
  const fresh = phase.report.candidates.filter((c) => !c.present);
  if (fresh.length === 0) return null;
  const add = () => {
    setPhase({ kind: 'adding', report: phase.report });
    api.discoverSlots(true).then(
      (r) =>
        setPhase(r.ok ? { kind: 'added', report: r.value } : { kind: 'failed', message: r.error.message }),
      (cause: unknown) => setPhase({ kind: 'failed', message: String(cause) }),
    );
  };
  return (
    <section className="adopt" aria-labelledby="adopt-title">
      <h3 id="adopt-title">Found on this machine</h3>
      <ul className="adopt__list">
        {fresh.map((c) => (
          <li key={c.id}>{describeCandidate(c)}</li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--primary"
        onClick={add}
        disabled={phase.kind === 'adding'}
      >
        {phase.kind === 'adding'
          ? 'Adding…'
          : `Add ${fresh.length === 1 ? 'this slot' : `these ${fresh.length} slots`}`}
      </button>
      <p className="muted">
        Old registries are only read, never changed. The same from a terminal:{' '}
        <code>quota-broker slots discover --add</code>
      </p>
    </section>
  );
}
