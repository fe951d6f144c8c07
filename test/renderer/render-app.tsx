import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { App } from '../../renderer/components/app';
import type { FakeQuotaApi } from './fake-api';

/** Renders the App on a fake host and waits until the first state (if any) is on screen. */
export async function renderApp(api: FakeQuotaApi) {
  const view = render(<App api={api} />);
  // Let getState, the history requests and their state updates settle.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return view;
}

/** The list item of one slot, found by its visible name. */
export function getSlotRow(name: string): HTMLElement {
  return screen.getByRole('listitem', { name });
}

export const inRow = (name: string) => within(getSlotRow(name));

/** Freezes `Date` (only) at `at`, so ages and countdowns read exactly; timers and promises stay real. */
export function freezeDateAt(at: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
