/**
 * Where the popover goes: under (or beside) the tray icon, inside the display's work area. Pure, after
 * max-mapper/menubar's getWindowPosition, but the taskbar edge is inferred from the work area first.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

export interface PositionInput {
  trayBounds: Rect;
  windowSize: Size;
  /** The display's full bounds (`screen.getDisplayNearestPoint(...).bounds`). */
  displayBounds: Rect;
  /** The part not covered by menu bar / taskbar / dock (`display.workArea`). */
  workArea: Rect;
}

/** Gap between the tray edge and the popover. */
export const POPOVER_GAP_PX = 4;

/**
 * The edge the menu bar or taskbar sits on: where the work area is cut, else (auto-hidden bars)
 * the display edge nearest to the tray icon.
 */
export function getTaskbarEdge(trayBounds: Rect, displayBounds: Rect, workArea: Rect): TaskbarEdge {
  if (workArea.y > displayBounds.y) return 'top';
  if (workArea.y + workArea.height < displayBounds.y + displayBounds.height) return 'bottom';
  if (workArea.x > displayBounds.x) return 'left';
  if (workArea.x + workArea.width < displayBounds.x + displayBounds.width) return 'right';
  const cx = trayBounds.x + trayBounds.width / 2;
  const cy = trayBounds.y + trayBounds.height / 2;
  const distances: [TaskbarEdge, number][] = [
    ['top', cy - displayBounds.y],
    ['bottom', displayBounds.y + displayBounds.height - cy],
    ['left', cx - displayBounds.x],
    ['right', displayBounds.x + displayBounds.width - cx],
  ];
  distances.sort((a, b) => a[1] - b[1]);
  return distances[0][0];
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/** Top-left corner of the popover, in whole pixels, kept inside the work area. */
export function getWindowPosition(input: PositionInput): { x: number; y: number } {
  const { trayBounds: t, windowSize: w, workArea: a } = input;
  const edge = getTaskbarEdge(t, input.displayBounds, a);
  const centredX = t.x + t.width / 2 - w.width / 2;
  const centredY = t.y + t.height / 2 - w.height / 2;
  let x: number;
  let y: number;
  switch (edge) {
    case 'top':
      x = centredX;
      y = a.y + POPOVER_GAP_PX;
      break;
    case 'bottom':
      x = centredX;
      y = a.y + a.height - w.height - POPOVER_GAP_PX;
      break;
    case 'left':
      x = a.x + POPOVER_GAP_PX;
      y = centredY;
      break;
    case 'right':
      x = a.x + a.width - w.width - POPOVER_GAP_PX;
      y = centredY;
      break;
  }
  return {
    x: Math.round(clamp(x, a.x, a.x + a.width - w.width)),
    y: Math.round(clamp(y, a.y, a.y + a.height - w.height)),
  };
}
