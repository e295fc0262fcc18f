// The live stock feed of a back-office session, and the low-stock badge of the navigation.
//
// One EventSource per signed-in page reads `GET /api/v1/stock/events`. EventSource cannot send
// an Authorization header, and needs none here: the back office is signed in by its HttpOnly
// session cookie, which the browser sends with this same-origin request as with every other
// (the server reads the cookie or a Bearer token alike). Pages subscribe with `onStockLevel`;
// after the stream was cut and came back, subscribers get `null` ("reload": changes made
// while it was down were not sent).
//
// The badge counts the open low-stock alerts (`GET /api/v1/stock/alerts/count`), read again
// shortly after any level change (an alert is raised in the transaction of the movement
// that crosses the reorder point, so a crossing always comes with a level event) and when a
// page says alerts changed (`caisse:stock-alerts`).

import { api } from "../common/api.js";
import { debounce, h } from "../common/dom.js";
import { formatNumber, t } from "../common/i18n.js";

const listeners = new Set();
let source = null;
let broken = false;
let badgeCleanup = null;

/** Starts the feed (once per session). */
export function startStockFeed() {
  if (source || typeof EventSource === "undefined") return;
  source = new EventSource("/api/v1/stock/events");
  source.addEventListener("level", (event) => {
    let level;
    try {
      level = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const fn of [...listeners]) fn(level);
  });
  source.addEventListener("open", () => {
    document.documentElement.dataset.stockFeed = "open";
    if (!broken) return;
    broken = false;
    for (const fn of [...listeners]) fn(null);
  });
  source.addEventListener("error", () => {
    document.documentElement.dataset.stockFeed = "retrying";
    broken = true;
  });
}

/** Ends the feed and the badge (signing out). */
export function stopStockFeed() {
  source?.close();
  source = null;
  delete document.documentElement.dataset.stockFeed;
  broken = false;
  listeners.clear();
  badgeCleanup?.();
  badgeCleanup = null;
}

/** Calls `fn(level)` for each level change (`null`: reload); returns the unsubscribe. */
export function onStockLevel(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Tells the badge that alerts changed (one was acknowledged). */
export function alertsChanged() {
  window.dispatchEvent(new CustomEvent("caisse:stock-alerts"));
}

/**
 * Puts the count of open alerts on the navigation link `link` (and on the menu button of a
 * narrow screen), kept current from the feed.
 */
export function mountAlertBadge(link, menuButton) {
  badgeCleanup?.();
  if (!link) return;
  const badge = h("span", { class: "nav-count", id: "stock-alert-badge", hidden: true, "aria-live": "polite" });
  const dot = h("span", { class: "nav-count nav-count-menu", id: "stock-alert-dot", hidden: true, "aria-hidden": "true" });
  link.append(badge);
  menuButton?.append(dot);
  let seq = 0;
  async function refresh() {
    const mine = ++seq;
    try {
      const body = await api("GET", "/api/v1/stock/alerts/count");
      if (mine !== seq) return;
      const open = body?.open ?? 0;
      for (const el of [badge, dot]) {
        el.hidden = open === 0;
        el.textContent = open > 99 ? "99+" : formatNumber(open);
      }
      badge.setAttribute("aria-label", t("nav.stock_alerts_open", { count: formatNumber(open) }));
      badge.dataset.count = String(open);
    } catch (err) {
      if (err.status !== 401) console.warn("stock alert count", err);
    }
  }
  const later = debounce(refresh, 250);
  const unsubscribe = onStockLevel(() => later());
  window.addEventListener("caisse:stock-alerts", refresh);
  refresh();
  badgeCleanup = () => {
    later.cancel();
    unsubscribe();
    window.removeEventListener("caisse:stock-alerts", refresh);
  };
}
