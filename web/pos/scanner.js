// Telling a barcode scanner from a person at the keyboard.
//
// A USB or Bluetooth scanner is a keyboard that types a whole code in a few
// milliseconds and presses Enter. People type at most ~15 keys a second.
// The detector listens on the window (capture phase), whatever has the
// focus, and keeps the printable keys that arrive close together. When Enter
// ends a burst that is long enough and fast enough on average, it is a scan:
// the Enter is swallowed, the characters the burst typed into a text field
// are taken back out of it, and `onScan(code, startedAt)` is called.
// Anything slower is left alone, so the search box works as usual.

/**
 * Average gap between the keys of a scan, at most, in ms. Scanners send a key every 1–20 ms;
 * the fastest typists average 60 ms or more between keys, even over a short word.
 */
export const MAX_AVERAGE_GAP_MS = 35;
/**
 * Longest single gap inside a scan, in ms: a busy computer may deliver one key late, but a
 * pause this long ends the burst.
 */
export const MAX_GAP_MS = 150;
/** Shortest code taken as a scan (EAN-8 is 8; receipt numbers are longer). */
export const MIN_LENGTH = 4;
/** Keys a scanner may send inside a code without ending it. */
const MODIFIERS = new Set(["Shift", "CapsLock", "NumLock", "Unidentified", "Dead"]);

/**
 * Pure part of the detector, fed with (key, time) pairs; easy to test. `push` returns
 * `{scan, startedAt}` when Enter ends a burst fast enough to be a scanner's, else null.
 */
export class BurstDetector {
  constructor({ maxGap = MAX_GAP_MS, maxAverageGap = MAX_AVERAGE_GAP_MS, minLength = MIN_LENGTH } = {}) {
    this.maxGap = maxGap;
    this.maxAverageGap = maxAverageGap;
    this.minLength = minLength;
    this.reset();
  }

  reset() {
    this.chars = [];
    this.first = 0;
    this.last = 0;
  }

  /** True while the keys seen so far may still be a scan. */
  get active() {
    return this.chars.length > 0;
  }

  push(key, now) {
    const gap = now - this.last;
    if (key === "Enter") {
      const n = this.chars.length;
      // The average over every key and the Enter: one late key does not spoil a scan, a
      // person's typing never gets this fast.
      const average = n > 0 ? (now - this.first) / n : Infinity;
      const fast = n >= this.minLength && gap <= this.maxGap && average <= this.maxAverageGap;
      const result = fast ? { scan: this.chars.join(""), startedAt: this.first } : null;
      this.reset();
      return result;
    }
    if (key.length !== 1) {
      // Shift and the like: scanners send them too. Any other key (a function key, Escape,
      // an arrow) is a person's: a scanner never sends one inside a code.
      if (!MODIFIERS.has(key)) this.reset();
      return null;
    }
    if (this.chars.length > 0 && gap > this.maxGap) this.reset();
    if (this.chars.length === 0) this.first = now;
    this.chars.push(key);
    this.last = now;
    return null;
  }
}

/**
 * Starts listening. `onScan(code, {startedAt, enterAt})` gets every scan;
 * `isPaused()` may return true to let keys through (e.g. while a PIN pad has
 * the keyboard). Returns a function that stops listening; its `inBurst()` tells whether
 * keys are arriving at a scanner's pace right now.
 */
export function listenForScans({ onScan, isPaused = () => false, target = window }) {
  const detector = new BurstDetector();
  // Where the burst's first key landed, and that field's value before it.
  let field = null;
  let before = null;

  function onKeyDown(event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (isPaused()) {
      detector.reset();
      return;
    }
    // When the key was pressed, not when this handler got to run: on a busy machine the
    // handler may run late, and the gaps between keys must not grow with that delay.
    const now = event.timeStamp || performance.now();
    const wasActive = detector.active;
    const result = detector.push(event.key, now);
    if (!wasActive && detector.active) {
      const el = event.target;
      const editable = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
      field = editable ? el : null;
      before = editable ? { value: el.value, start: el.selectionStart, end: el.selectionEnd } : null;
    }
    if (result?.scan) {
      event.preventDefault();
      event.stopPropagation();
      if (field && before) {
        // Put the field back as it was before the scanner typed into it.
        field.value = before.value;
        try {
          field.setSelectionRange(before.start, before.end);
        } catch {
          // Some input types have no selection; the value is what matters.
        }
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
      field = null;
      before = null;
      onScan(result.scan, { startedAt: result.startedAt, enterAt: now });
    }
  }

  // A click or a touch between keys is a person's: the keys before it are not a scan.
  const onPointerDown = () => detector.reset();
  target.addEventListener("keydown", onKeyDown, true);
  target.addEventListener("pointerdown", onPointerDown, true);
  const stop = () => {
    target.removeEventListener("keydown", onKeyDown, true);
    target.removeEventListener("pointerdown", onPointerDown, true);
  };
  /** True while keys are arriving as fast as a scanner's: a key now may be part of a code. */
  // (The key being handled is already in the detector: a burst is that key and one before.)
  stop.inBurst = () => detector.chars.length >= 2;
  return stop;
}
