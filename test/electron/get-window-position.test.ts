import { describe, expect, it } from 'vitest';
import {
  getTaskbarEdge,
  getWindowPosition,
  POPOVER_GAP_PX,
  type Rect,
} from '../../electron/windows/get-window-position';

const display: Rect = { x: 0, y: 0, width: 1440, height: 900 };
const size = { width: 380, height: 560 };

describe('getWindowPosition: every screen edge', () => {
  it.each([
    // macOS menu bar on top: centred under the icon, just below the bar.
    [
      'top',
      { x: 1000, y: 0, width: 22, height: 24 },
      { ...display, y: 25, height: 875 },
      { x: 821, y: 25 + POPOVER_GAP_PX },
    ],
    // Windows/Linux taskbar at the bottom: centred above the icon.
    [
      'bottom',
      { x: 1000, y: 870, width: 24, height: 30 },
      { ...display, height: 860 },
      { x: 822, y: 860 - 560 - POPOVER_GAP_PX },
    ],
    [
      'left',
      { x: 0, y: 400, width: 40, height: 24 },
      { ...display, x: 48, width: 1392 },
      { x: 48 + POPOVER_GAP_PX, y: 132 },
    ],
    [
      'right',
      { x: 1400, y: 400, width: 40, height: 24 },
      { ...display, width: 1392 },
      { x: 1392 - 380 - POPOVER_GAP_PX, y: 132 },
    ],
  ] as const)('taskbar %s', (edge, tray, workArea, expected) => {
    expect(getTaskbarEdge(tray, display, workArea)).toBe(edge);
    expect(
      getWindowPosition({ trayBounds: tray, windowSize: size, displayBounds: display, workArea }),
    ).toEqual(expected);
  });

  it('keeps the popover on screen when the icon sits at the far right of the menu bar', () => {
    const workArea = { ...display, y: 25, height: 875 };
    const pos = getWindowPosition({
      trayBounds: { x: 1420, y: 0, width: 20, height: 24 },
      windowSize: size,
      displayBounds: display,
      workArea,
    });
    expect(pos.x).toBe(1440 - 380);
  });

  it('keeps it on screen at the far left, on a second display with an offset origin', () => {
    const second = { x: -1920, y: 0, width: 1920, height: 1080 };
    const workArea = { ...second, y: 25, height: 1055 };
    const pos = getWindowPosition({
      trayBounds: { x: -1915, y: 0, width: 20, height: 24 },
      windowSize: size,
      displayBounds: second,
      workArea,
    });
    expect(pos).toEqual({ x: -1920, y: 25 + POPOVER_GAP_PX });
  });

  it('infers the edge from the icon when the bar auto-hides (work area = display)', () => {
    expect(getTaskbarEdge({ x: 700, y: 880, width: 20, height: 20 }, display, display)).toBe('bottom');
    expect(getTaskbarEdge({ x: 700, y: 0, width: 20, height: 20 }, display, display)).toBe('top');
    expect(getTaskbarEdge({ x: 1425, y: 450, width: 15, height: 20 }, display, display)).toBe('right');
  });
});
