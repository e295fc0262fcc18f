// The big numeric keypad used for PINs, quantities, amounts and counts.

import { h, icon } from "../common/dom.js";
import { t } from "../common/i18n.js";

/**
 * A keypad writing into a text value: digits, an optional decimal key, "00",
 * backspace and clear. `onChange(value)` after each key; `onEnter()` for the
 * OK key (shown when `enter` is a label). Physical keys are the caller's.
 */
export function keypad({ decimal = null, doubleZero = false, enter = null, clear = false, onKey, id }) {
  const key = (label, value, cls = "") =>
    h("button", {
      type: "button",
      class: `key ${cls}`,
      dataset: { key: value },
      onclick: () => onKey(value),
    }, label);
  const keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3"].map((d) => key(d, d));
  const bottom = [];
  if (decimal) bottom.push(key(decimal, "."));
  else if (doubleZero) bottom.push(key("00", "00"));
  else bottom.push(key(h("span", { class: "key-small" }, t("pos.key.clear")), "clear", "key-muted"));
  bottom.push(key("0", "0"));
  bottom.push(h("button", {
    type: "button",
    class: "key key-muted",
    dataset: { key: "back" },
    "aria-label": t("pos.key.back"),
    onclick: () => onKey("back"),
  }, icon("backspace")));
  const grid = h("div", { class: "keypad", id }, keys, bottom);
  // A Clear key of its own when the bottom row holds the decimal key (the payment panel).
  if (clear && bottom[0]?.dataset.key !== "clear") {
    grid.append(key(h("span", { class: "key-small" }, t("pos.key.clear")), "clear", "key-muted key-wide"));
  }
  if (enter) {
    grid.append(h("button", {
      type: "button",
      class: "key key-enter",
      dataset: { key: "enter" },
      onclick: () => onKey("enter"),
    }, enter));
  }
  return grid;
}

/**
 * Applies a keypad key to a typed value: digits append, "." once, back
 * removes one, clear empties. `maxLength` bounds the text.
 */
export function applyKey(value, key, { maxLength = 12, decimals = null } = {}) {
  if (key === "back") return value.slice(0, -1);
  if (key === "clear") return "";
  if (key === ".") {
    if (value.includes(".") || decimals === 0) return value;
    return (value || "0") + ".";
  }
  if (!/^\d+$/.test(key)) return value;
  const next = value === "0" ? key : value + key;
  if (next.length > maxLength) return value;
  const dot = next.indexOf(".");
  if (dot >= 0 && decimals !== null && next.length - dot - 1 > decimals) return value;
  return next;
}

/** Maps a physical key to a keypad key (digits, Backspace, Delete, separators, Enter). */
export function physicalKey(event) {
  if (/^\d$/.test(event.key)) return event.key;
  if (event.key === "Backspace") return "back";
  if (event.key === "Delete" || event.key === "Escape") return event.key === "Delete" ? "clear" : null;
  if (event.key === "." || event.key === ",") return ".";
  if (event.key === "Enter") return "enter";
  return null;
}

/** The locale's decimal mark, for the keypad's decimal key. */
export function decimalMark() {
  return new Intl.NumberFormat(document.documentElement.lang || "en").formatToParts(1.5)
    .find((p) => p.type === "decimal")?.value ?? ".";
}

/**
 * A keypad entry ("12.5", always "." inside) as integer minor units with
 * `digits` decimals, built from the digit strings (no float on the way).
 */
export function entryToMinor(entry, digits) {
  const [int = "", frac = ""] = String(entry).split(".");
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac) || frac.length > digits) return undefined;
  const text = `${int || "0"}${frac.padEnd(digits, "0")}`.replace(/^0+(?=\d)/, "");
  const value = Number.parseInt(text, 10);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Sends the physical keys (digits, separators, Backspace, Enter…) to a keypad's `press`
 * while `el` is in the page, except when a text field has the focus. Listens in the capture
 * phase and keeps the keys it takes from the rest of the page.
 */
export function routeKeys(el, press) {
  const onKeyDown = (event) => {
    if (!el.isConnected) {
      window.removeEventListener("keydown", onKeyDown, true);
      return;
    }
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    const key = physicalKey(event);
    if (!key) return;
    event.preventDefault();
    event.stopPropagation();
    press(key);
  };
  window.addEventListener("keydown", onKeyDown, true);
}
