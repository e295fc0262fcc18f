// Pieces of page layout and form plumbing shared by the admin views.

import { errorText, fieldErrorText, h, icon, replace } from "../common/dom.js";
import { MoneyParseError, currencySymbol, formatMoneyInput, hasMessage, parseMoney, t } from "../common/i18n.js";

/** The sticky page header: optional crumb, title (text or an <h1>) + badge, subtitle, actions. */
export function pageHeader({ title, titleId, crumb, badge, subtitle, actions = [] }) {
  return h("header", { class: "page-header" },
    h("div", { class: "page-title" },
      crumb ?? null,
      h("div", { class: "page-title-row" },
        title instanceof Element ? title : h("h1", { id: titleId }, title),
        badge ?? null),
      subtitle ?? null),
    h("div", { class: "page-actions" }, actions));
}

/** A red alert box with an icon; `content` may include buttons. Hidden when empty. */
export function setAlert(box, ...content) {
  if (content.length === 0 || content.every((c) => c === null || c === undefined)) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  replace(box, icon("alert"), h("div", {}, content));
  box.hidden = false;
}

// ------------------------------------------------------------------ fields

/**
 * A labelled form field wrapper carrying `data-field` (the API field name),
 * so API errors can be attached to it. The control gets aria-describedby
 * pointing at its hint and error lines.
 */
export function field({ name, id, label, control, hint, required = false, span = false }) {
  const target = control.matches?.("input, select, textarea") ? control : control.querySelector("input, select, textarea");
  const hintEl = hint !== undefined ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, "data-test": `${name}-error` });
  target?.setAttribute("aria-describedby", [hintEl ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" "));
  if (required) target?.setAttribute("aria-required", "true");
  return h("div", { class: `field${span ? " span-2" : ""}`, dataset: { field: name } },
    h("label", { for: id }, label, required ? h("span", { class: "req", "aria-hidden": "true" }, "*") : null),
    control,
    hintEl,
    errorEl);
}

export function textInput(id, attrs = {}) {
  return h("input", { id, name: id, class: "input", type: "text", autocomplete: "off", ...attrs });
}

export function selectInput(id, options, attrs = {}) {
  return h("select", { id, name: id, class: "select", ...attrs },
    options.map((o) => h("option", { value: o.value }, o.label)));
}

/** Sets a select's value, adding an option for a value it does not list yet. */
export function setSelectValue(select, value, label) {
  const v = value ?? "";
  if (![...select.options].some((o) => o.value === v)) select.append(h("option", { value: v }, label ?? v));
  select.value = v;
}

export function checkbox(id, label, attrs = {}) {
  return h("label", { class: "check", for: id },
    h("input", { id, name: id, type: "checkbox", ...attrs }),
    h("span", {}, label));
}

/**
 * An amount field: text typed in the locale's format with the currency
 * symbol beside it; re-formatted on blur when it parses.
 */
export function moneyInput(id, currency, attrs = {}) {
  const input = h("input", {
    id,
    name: id,
    class: "input",
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    ...attrs,
  });
  input.addEventListener("blur", () => {
    if (!input.value.trim()) return;
    try {
      const amount = parseMoney(input.value, currency);
      input.value = formatMoneyInput({ amount, currency });
    } catch {
      // Left as typed; the error shows on save.
    }
  });
  return h("div", { class: "input-group" }, input, h("span", { class: "input-addon", "aria-hidden": "true" }, currencySymbol(currency)));
}

/** Reads a money input: null when empty and optional; throws MoneyParseError otherwise. */
export function readMoney(input, currency, { required = false } = {}) {
  const text = input.value.trim();
  if (!text && !required) return null;
  const amount = parseMoney(text, currency);
  if (amount < 0) throw new MoneyParseError("money.negative");
  return { amount, currency };
}

// ------------------------------------------------------------------ errors

/** Marks the field named `name` (inside `scope`) invalid with `message`. Returns false if absent. */
export function setFieldError(scope, name, message) {
  const wrapper = scope.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrapper) return false;
  const error = wrapper.querySelector(".field-error");
  const current = error.textContent;
  error.textContent = current ? `${current} ${message}` : message;
  for (const control of wrapper.querySelectorAll("input, select, textarea")) control.setAttribute("aria-invalid", "true");
  return true;
}

export function clearFieldErrors(scope) {
  for (const el of scope.querySelectorAll(".field-error")) el.textContent = "";
  for (const el of scope.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

/** Focuses the first invalid control in `scope`. */
export function focusFirstInvalid(scope) {
  const first = scope.querySelector("[aria-invalid='true']");
  first?.focus();
  first?.scrollIntoView({ block: "center", behavior: "smooth" });
}

/** "barcodes[1]" -> "barcodes", "price.amount" -> "price". */
function baseField(path) {
  return String(path ?? "").split(/[.[]/)[0];
}

function reasonText(reason, fallback) {
  if (!reason) return fallback;
  return hasMessage(`reason.${reason}`) ? t(`reason.${reason}`) : reason;
}

/**
 * Attaches the field errors of a 422 `validation_failed` answer
 * (`details.field` or `details.errors[]`) to the fields of `scope`.
 * Returns the messages that matched no field, for a summary alert.
 */
export function showApiFieldErrors(scope, err) {
  const details = err.details ?? {};
  const list = Array.isArray(details.errors) ? details.errors : [];
  // `details.field` names the first of `details.errors` when both are given.
  if (details.field && list.length === 0) list.push({ field: details.field, reason: details.reason ?? details.message });
  const unmatched = [];
  for (const item of list) {
    // By code in the page's language; an older answer without a code keeps its reason.
    const message = item.code ? fieldErrorText(item) : reasonText(item.reason ?? item.message, err.message);
    if (!setFieldError(scope, baseField(item.field), message)) {
      unmatched.push(item.field ? `${item.field}: ${message}` : message);
    }
  }
  if (list.length === 0) unmatched.push(errorText(err));
  return unmatched;
}
