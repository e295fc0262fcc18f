// What the till measures of itself, for `caisse bench ui` (read through
// WebDriver as `window.caissePerf`). Recorded durations are whole
// microseconds; the clock is performance.now().
//
// - scans: from the scanner's Enter to the frame that shows the line;
// - sales: from the first scan to the till ready for the next customer, both
//   the wall time and the till's own time (the sum of the intervals between a
//   cashier's action and the screen settling, without the cashier's pauses).

const perf = {
  scans: [],
  // Where a scan's time went: [handler start, answer, drawn, painted] µs after its Enter.
  scanParts: [],
  sales: [],
  current: null, // the sale being measured: {firstScan, busy}
};
window.caissePerf = perf;

const us = (ms) => Math.round(ms * 1000);
/** Samples kept (a till runs all day; the bench reads far fewer). */
const KEEP = 2000;
const keep = (list, item) => {
  list.push(item);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
};

/** Resolves after the next frame has been painted. */
export function afterPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/** Records a scan from its Enter to now (call after the line is on screen). */
export function scanShown(enterAt, marks = []) {
  const now = performance.now();
  keep(perf.scans, us(now - enterAt));
  if (marks.length) keep(perf.scanParts, [...marks, now].map((m) => us(m - enterAt)));
  if (!perf.current) perf.current = { firstScan: enterAt, busy: 0 };
  perf.current.busy += now - enterAt;
}

/** Adds an action's time (from the cashier's input to the screen settled). */
export function busy(startedAt) {
  if (perf.current) perf.current.busy += performance.now() - startedAt;
}

/** The sale is done and the till is ready for the next scan. */
export function saleReady() {
  if (!perf.current) return;
  const now = performance.now();
  keep(perf.sales, { wall: us(now - perf.current.firstScan), own: us(perf.current.busy) });
  perf.current = null;
}

/** A sale left without completing (parked, cancelled): stop measuring it. */
export function saleDropped() {
  perf.current = null;
}
