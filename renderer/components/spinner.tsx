/** A small rotating ring; decorative, so hidden from assistive technology (callers say `busy` in words). */
export function Spinner() {
  return (
    <svg className="spinner" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6" fill="none" strokeWidth="2" />
    </svg>
  );
}
