// Pieces of the product pages (list, form, variants) that need the product messages
// (messages/product.js): the status badge, category paths, barcode checks.

import { h } from "../common/dom.js";
import { t } from "../common/i18n.js";

/** Green "Active" / grey "Inactive" badge. */
export function statusBadge(active, id) {
  return h("span", { class: `badge ${active ? "badge-success" : "badge-neutral"}`, id },
    active ? t("product.active") : t("product.inactive"));
}

/** "Épicerie › Boissons" from a category's path (string or array), else its name. */
export function categoryLabel(category) {
  if (Array.isArray(category.path) && category.path.length) return category.path.join(" › ");
  if (typeof category.path === "string" && category.path.trim()) {
    return category.path.split(/\s*[/>›]\s*/).filter(Boolean).join(" › ");
  }
  return category.name ?? "";
}

/** GS1 check digit of a GTIN-8/12/13/14 body (all digits but the last). */
export function gtinCheckDigit(code) {
  let sum = 0;
  const body = code.slice(0, -1);
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** null when `code` is acceptable as a barcode, else a translated reason. */
export function barcodeProblem(code) {
  if (!code) return t("barcode.empty");
  if (/\s/.test(code)) return t("barcode.spaces");
  if (/^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)) {
    const expected = gtinCheckDigit(code);
    if (expected !== code.charCodeAt(code.length - 1) - 48) return t("barcode.check_digit", { digit: expected });
  }
  return null;
}
