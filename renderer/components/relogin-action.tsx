import { useEffect, useRef } from 'react';
import type { ReloginProgress } from '../../shared/ipc/contract';
import { ReloginPanel } from './relogin-panel';

interface ReloginActionProps {
  name: string;
  /** A re-login to show (running, failed, or done while the slot still needs a login); else the button. */
  progress: ReloginProgress | null;
  needsLogin: boolean;
  onStart(): void;
  onCancel(): void;
  onDismiss(): void;
}

/**
 * The Re-login button, or the running re-login's panel in its place. The keyboard focus follows the
 * swap: Re-login moves it into the panel (its first action), Cancel or Dismiss back to the button — it is
 * never dropped on the page when the element that held it goes away.
 */
export function ReloginAction({
  name,
  progress,
  needsLogin,
  onStart,
  onCancel,
  onDismiss,
}: ReloginActionProps) {
  const focusNext = useRef<'panel' | 'button' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const showing = progress ? 'panel' : needsLogin ? 'button' : null;
  useEffect(() => {
    if (!showing || focusNext.current !== showing) return;
    focusNext.current = null;
    if (showing === 'button') button.current?.focus();
    else (panel.current?.querySelector('button') ?? panel.current)?.focus();
  }, [showing]);

  if (progress) {
    return (
      <ReloginPanel
        ref={panel}
        name={name}
        progress={progress}
        onCancel={() => {
          focusNext.current = 'button';
          onCancel();
        }}
        onRetry={() => {
          focusNext.current = 'panel';
          onStart();
        }}
        onDismiss={() => {
          focusNext.current = 'button';
          onDismiss();
        }}
      />
    );
  }
  if (!needsLogin) return null;
  return (
    <button
      type="button"
      ref={button}
      className="button button--primary slot__relogin"
      onClick={() => {
        focusNext.current = 'panel';
        onStart();
      }}
      aria-label={`Re-login ${name}`}
    >
      Re-login
    </button>
  );
}
