/**
 * Puts text on the clipboard from a click: the Clipboard API where the page may use it (the dashboard on
 * 127.0.0.1), else the selection-and-copy command (the app's popover, whose session grants no
 * permissions). Resolves to whether it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, no focus): the fallback below needs neither.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  // The copy command copies the focused selection; focus goes back to the button afterwards.
  const before = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.focus({ preventScroll: true });
  area.select();
  try {
    return document.execCommand?.('copy') === true;
  } catch {
    return false;
  } finally {
    area.remove();
    before?.focus({ preventScroll: true });
  }
}
