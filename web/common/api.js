// The one way every Caisse screen talks to the server.
//
// Authentication rides on the HttpOnly session cookie set by
// `POST /api/v1/auth/login`; the token in the login response is never stored
// by the browser UI (script-readable storage would be exposed to XSS).

/** An error answered by the API, built from `{"error":{"code","message","details"}}`. */
export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message || code);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details ?? {};
  }
}

let onUnauthenticated = null;
let defaultHeaders = {};

/**
 * Headers sent with every request from this page (the till sends `X-Caisse-Till`, so the
 * server reads the till's own session cookie, never the back office's).
 */
export function setDefaultHeaders(headers) {
  defaultHeaders = { ...headers };
}

/**
 * Registers a callback run when a request (other than the login itself)
 * answers 401: the session expired or was revoked, so the UI signs in again.
 */
export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler;
}

/** "?q=x&page=2", leaving out empty, null and undefined values. */
export function query(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : "";
}

async function send(method, path, body, { contentType, accept, signal, headers: extra } = {}) {
  const headers = { ...defaultHeaders, ...extra, Accept: accept };
  let payload;
  if (body !== undefined && body !== null) {
    if (typeof body === "string" || body instanceof Blob || body instanceof ArrayBuffer) {
      payload = body;
      headers["Content-Type"] = contentType ?? "text/plain; charset=utf-8";
    } else {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (err) {
    if (err?.name === "AbortError") throw err;
    throw new ApiError(0, "network_error", err?.message || "Network error");
  }
  if (!response.ok) throw await errorFrom(response, path);
  return response;
}

async function errorFrom(response, path) {
  let code = defaultCode(response.status);
  let message = response.statusText || `HTTP ${response.status}`;
  let details = {};
  try {
    const text = await response.text();
    const envelope = text ? JSON.parse(text) : null;
    if (envelope?.error) {
      code = envelope.error.code || code;
      message = envelope.error.message || message;
      details = envelope.error.details ?? {};
    }
  } catch {
    // Not JSON (a proxy page, an empty body): keep the status-derived code.
  }
  const error = new ApiError(response.status, code, message, details);
  // Only the caller's own session ending signs the page out: a wrong PIN typed for someone
  // else (an approval, an unlock) is an answer to show where it was typed.
  if (response.status === 401 && code === "unauthenticated" && onUnauthenticated
    && !path.startsWith("/api/v1/auth/login")) {
    onUnauthenticated(error);
  }
  return error;
}

function defaultCode(status) {
  switch (status) {
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 422: return "validation_failed";
    case 429: return "rate_limited";
    default: return status >= 500 ? "internal" : `http_${status}`;
  }
}

/**
 * Sends a JSON request (or a raw string/Blob body with `options.contentType`)
 * and returns the parsed JSON answer, or null for 204/empty bodies.
 * Throws ApiError on any non-2xx answer and on network failure
 * (status 0, code "network_error"). `options.signal` aborts the request;
 * `options.headers` adds request headers (e.g. `Idempotency-Key`).
 */
export async function api(method, path, body, options = {}) {
  const response = await send(method, path, body, { ...options, accept: "application/json" });
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Like `api`, but returns the answer as text (CSV exports). */
export async function apiText(method, path, body, options = {}) {
  const response = await send(method, path, body, { ...options, accept: "text/csv, text/plain, */*" });
  return response.text();
}
