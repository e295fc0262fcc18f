// The till's side of the checkout API: the current sale and every change to
// it. The server prices everything; the till only shows what it answers.
//
// Requests a terminal may retry (tenders, completion) carry an
// Idempotency-Key. If the server cannot be reached they are sent again with
// the same key until it answers, so a sale is never recorded twice and never
// lost while the page stays open.

import { ApiError, api } from "../common/api.js";

const RETRY_STEPS_MS = [300, 600, 1000, 2000, 3000];

/** A fresh idempotency key for one logical request. */
export function newKey(prefix) {
  const id = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
  return `${prefix}-${id}`;
}

function retryable(err) {
  // Unreachable server, a proxy's 502/503/504, or our own earlier attempt still in flight.
  return err instanceof ApiError
    && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504
      || err.code === "idempotency_in_flight");
}

/**
 * Sends a keyed request until the server gives an answer that is not a
 * network failure. `onWaiting(true|false)` tells the screen to show or hide
 * the "server unreachable" banner. `isCancelled()` stops retrying.
 */
export async function sendKeyed(method, path, key, body, { onWaiting, isCancelled } = {}) {
  let attempt = 0;
  for (;;) {
    try {
      const answer = await api(method, path, body, { headers: { "Idempotency-Key": key } });
      if (attempt > 0) onWaiting?.(false);
      return answer;
    } catch (err) {
      if (!retryable(err) || isCancelled?.()) {
        if (attempt > 0) onWaiting?.(false);
        throw err;
      }
      onWaiting?.(true, err);
      const wait = RETRY_STEPS_MS[Math.min(attempt, RETRY_STEPS_MS.length - 1)];
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

const base = (id) => `/api/v1/sales/${encodeURIComponent(id)}`;

export const sales = {
  open: (registerId) => api("POST", "/api/v1/sales", { register_id: registerId }),
  addCode: (id, code, quantity) =>
    api("POST", `${base(id)}/lines`, quantity ? { code, quantity } : { code }),
  addItem: (id, productId, quantity) =>
    api("POST", `${base(id)}/lines`, quantity ? { product_id: productId, quantity } : { product_id: productId }),
  updateLine: (id, lineNo, patch) => api("PATCH", `${base(id)}/lines/${lineNo}`, patch),
  voidLine: (id, lineNo) => api("POST", `${base(id)}/lines/${lineNo}/void`, {}),
  setDiscount: (id, body) => api("PUT", `${base(id)}/discount`, body),
  setTaxExempt: (id, body) => api("PUT", `${base(id)}/tax-exempt`, body),
  park: (id) => api("POST", `${base(id)}/park`, {}),
  resume: (id, registerId) => api("POST", `${base(id)}/resume`, { register_id: registerId }),
  cancel: (id, body = {}) => api("POST", `${base(id)}/cancel`, body),
  listOpen: () => api("GET", "/api/v1/sales/open"),
  pay: (id, key, body, opts) => sendKeyed("POST", `${base(id)}/payments`, key, body, opts),
  /**
   * The key is derived from the sale: a retry after a reload is still the same request. The
   * version is the sale as the till shows it: if it changed since, nothing is completed.
   */
  complete: (id, version, opts) =>
    sendKeyed("POST", `${base(id)}/complete`, `complete-${id}`, { version }, opts),
  print: (id, reprint = false) => api("POST", `${base(id)}/print`, { reprint }),
  receiptUrl: (id, format = "html") => `${base(id)}/receipt?format=${encodeURIComponent(format)}`,
};

export const returns = {
  start: (body) => api("POST", "/api/v1/returns", body),
  get: (id) => api("GET", `/api/v1/returns/${encodeURIComponent(id)}`),
  addLine: (id, body) => api("POST", `/api/v1/returns/${encodeURIComponent(id)}/lines`, body),
};

/** The line a change touched: a new line, or the one whose quantity or amount moved. */
export function changedLine(before, after) {
  if (!after?.lines?.length) return null;
  const old = new Map((before?.lines ?? []).map((l) => [l.line_no, l]));
  let found = null;
  for (const line of after.lines) {
    const prev = old.get(line.line_no);
    if (!prev || prev.quantity !== line.quantity || prev.total.amount !== line.total.amount
      || prev.voided !== line.voided) {
      found = line.line_no;
    }
  }
  return found;
}

/** True for a code that looks like a receipt number (`T1-000042`), printed as its barcode. */
export function isReceiptNumber(code) {
  return /^[A-Za-z0-9]{1,12}-\d{6,}$/.test(String(code).trim());
}
