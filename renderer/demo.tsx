/**
 * The demo page: the real UI on an in-memory host. `?scenario=` picks a state for screenshots:
 * `normal` (default), `empty`, `loading`, `all-inactive`, `ten` (ten slots, for the render-time budget).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { QuotaState } from '../shared/ipc/contract';
import { App } from './components/app';
import { createMemoryQuotaApi } from './demo/memory-api';
import { createDemoState } from './dev-fixtures';
import './styles.css';

function scenarioState(name: string | null, now: number): QuotaState | null {
  const state = createDemoState(now);
  if (name === 'loading') return null;
  if (name === 'empty' && state.cache)
    return { ...state, cache: { ...state.cache, slots: {}, recommended: null } };
  if (name === 'all-inactive' && state.cache) {
    const slots = Object.fromEntries(
      Object.entries(state.cache.slots).map(([id, slot]) => [
        id,
        { ...slot, status: 'inactive' as const, health: 'login_dead' as const },
      ]),
    );
    return { ...state, cache: { ...state.cache, slots, all_inactive: true, recommended: null } };
  }
  if (name === 'ten' && state.cache) {
    const entries = Object.entries(state.cache.slots);
    const slots = Object.fromEntries(
      [...entries, ...entries].map(([id, slot], i) => [i < entries.length ? id : `${id}-2`, slot]),
    );
    return { ...state, cache: { ...state.cache, slots } };
  }
  return state;
}

const scenario = new URLSearchParams(window.location.search).get('scenario');
const api = createMemoryQuotaApi(scenarioState(scenario, Date.now()));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
