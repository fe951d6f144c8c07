/**
 * The demo page: the real UI on an in-memory host. `?scenario=` picks a state for screenshots:
 * `normal` (default: every state at once), `ok`, `rate-limited`, `dead`, `all-inactive`, `pace`, `empty`,
 * `loading`, `ten` (ten slots, for the render-time budget).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { QuotaState } from '../shared/ipc/contract';
import { App } from './components/app';
import { createMemoryQuotaApi } from './demo/memory-api';
import { createDemoScenario } from './demo/scenarios';
import './styles.css';

const scenario = new URLSearchParams(window.location.search).get('scenario');
const state: QuotaState | null = createDemoScenario(scenario, Date.now());
const api = createMemoryQuotaApi(state);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
