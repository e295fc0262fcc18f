// What the stock pages share: quantities shown and read in the page's language (the API
// speaks decimal strings with three decimals, "-1.500"; never floating point), the store's
// locations, and the status badges of a level.

import { api } from "../common/api.js";
import { h } from "../common/dom.js";
import { formatNumber, intlLocale, t } from "../common/i18n.js";

let separator = null;
let separatorLocale = null;

function decimalSeparator() {
  const locale = intlLocale();
  if (separatorLocale !== locale) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
    separator = parts.find((p) => p.type === "decimal")?.value ?? ".";
    separatorLocale = locale;
  }
  return separator;
}

/** "-1.500" -> "-1,5" (fr) / "-1.5" (en); "12.000" -> "12"; with " kg" for weighed units. */
export function formatQty(text, unit) {
  if (text === null || text === undefined || text === "") return "";
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!match) return String(text);
  const [, sign, whole, fraction = ""] = match;
  const digits = fraction.replace(/0+$/, "");
  const grouped = formatNumber(Number.parseInt(whole, 10));
  const shown = `${sign}${grouped}${digits ? decimalSeparator() + digits : ""}`;
  return unit && unit !== "each" ? `${shown} ${unit}` : shown;
}

/** A quantity as typed back in a field: "1.500" -> "1,5" (fr), no grouping, no unit. */
export function qtyInputText(text) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text ?? ""));
  if (!match) return String(text ?? "");
  const [, sign, whole, fraction = ""] = match;
  const digits = fraction.replace(/0+$/, "");
  return `${sign}${whole}${digits ? decimalSeparator() + digits : ""}`;
}

/** Whether a quantity string is below zero. */
export function isNegative(text) {
  return /^-/.test(String(text ?? "")) && /[1-9]/.test(String(text));
}

/**
 * Reads a quantity typed in either language ("2", "-0,25", "1.5") into the API's decimal
 * string; throws an Error with `localizedMessage` when it is not one.
 */
export function parseQty(text, { allowNegative = true } = {}) {
  const cleaned = String(text ?? "").trim().replace(/\s/g, "").replace(",", ".");
  const ok = allowNegative ? /^[-+]?\d+(\.\d{1,3})?$/ : /^\+?\d+(\.\d{1,3})?$/;
  if (!ok.test(cleaned)) {
    const err = new Error("bad quantity");
    err.localizedMessage = t("stock.qty_invalid");
    throw err;
  }
  return cleaned.replace(/^\+/, "");
}

/** The item's name with its variant. */
export function itemName(row) {
  return row.variant_name ? `${row.name} — ${row.variant_name}` : row.name;
}

/** The badges of a level: below zero, at or below the reorder point. */
export function levelBadges(row) {
  return h("span", { class: "badges" },
    row.negative ? h("span", { class: "badge badge-danger" }, t("stock.badge_negative")) : null,
    !row.negative && row.below_reorder_point ? h("span", { class: "badge badge-warning" }, t("stock.badge_low")) : null,
    !row.negative && !row.below_reorder_point ? h("span", { class: "badge badge-success" }, t("stock.badge_ok")) : null);
}

let locationsCache = null;

/** The store's locations (read once per page visit unless `fresh`). */
export function locations({ fresh = false } = {}) {
  if (fresh || !locationsCache) {
    locationsCache = api("GET", "/api/v1/stock/locations").catch((err) => {
      locationsCache = null;
      throw err;
    });
  }
  return locationsCache;
}

/** A location as shown in a list: "Sales floor (floor)". */
export function locationLabel(l) {
  return `${l.name} (${l.code})`;
}

/** A movement's kind (and reason) in words. */
export function movementKind(m) {
  const kind = t(`stock.kind.${m.kind}`);
  return m.reason ? `${kind} · ${t(`stock.reason.${m.reason}`)}` : kind;
}

/** A category as "Épicerie › Boissons" (its path), else its name. */
export function categoryLabel(category) {
  if (Array.isArray(category.path) && category.path.length) return category.path.join(" › ");
  return category.name ?? "";
}
