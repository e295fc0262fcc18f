// The till's dialogs: numbers typed on a keypad (quantity, weight, price,
// discount), reasons, manager approval, and the shortcuts list.

import { ApiError } from "../common/api.js";
import { h, icon, openDialog, replace } from "../common/dom.js";
import { currencyDigits, formatMoney, t } from "../common/i18n.js";
import { applyKey, decimalMark, entryToMinor, keypad, routeKeys } from "./keypad.js";
import { initials, pinErrorText, pinPad } from "./signin.js";

/** Reason codes offered for discounts and overrides (stored as the code). */
export const DISCOUNT_REASONS = ["loyalty", "damaged", "price_match", "staff", "promotion", "manager"];
export const CANCEL_REASONS = ["customer_left", "wrong_items", "price_dispute", "payment_failed", "other"];
export const CASH_REASONS = ["change", "supplies", "delivery", "bank", "tips", "other"];

let dialogOpen = 0;
/** True while a till dialog has the keyboard (the scanner waits). */
export function isDialogOpen() {
  return dialogOpen > 0 || document.querySelector("dialog[open]") !== null;
}

async function tillDialog(options) {
  dialogOpen += 1;
  try {
    return await openDialog({ ...options, id: options.id });
  } finally {
    dialogOpen -= 1;
  }
}

/**
 * Asks for a number on a keypad. `kind` is "quantity" (whole or 3 decimals),
 * "weight" (kg, 3 decimals), "money" (minor units out) or "percent".
 * Resolves with a decimal string (quantity, weight, percent) or minor units
 * (money), or undefined when cancelled.
 */
export function askNumber({ title, kind, currency, initial = "", unit, hint, id = "number-dialog", validate }) {
  const decimals = kind === "money" ? currencyDigits(currency) : kind === "percent" ? 2 : 3;
  let value = initial;
  // The value shown first is replaced by the first key typed, as on every till keypad
  // (1 then 6 is 6, not 16); Back edits it instead.
  let fresh = Boolean(initial);
  const display = h("div", { class: "value-display", id: `${id}-value`, "aria-live": "polite" });
  const error = h("p", { class: "form-error", id: `${id}-error`, role: "alert" });
  const draw = () => {
    display.classList.toggle("is-fresh", fresh);
    replace(display, value || "0", unit ? h("span", { class: "unit" }, unit) : null);
  };
  return tillDialog({
    title,
    id,
    body: (close) => {
      const submit = () => {
        let out;
        try {
          if (!value || /^0*\.?0*$/.test(value)) throw new Error(t("pos.dialog.enter_value"));
          out = kind === "money" ? entryToMinor(value, decimals) : value;
          const problem = validate?.(out);
          if (problem) throw new Error(problem);
        } catch (err) {
          error.textContent = err.localizedMessage ?? err.message;
          return;
        }
        close(out);
      };
      const press = (key) => {
        if (key === "enter") return submit();
        if (fresh && key !== "back") value = "";
        fresh = false;
        value = applyKey(value, key, { maxLength: 10, decimals });
        error.textContent = "";
        draw();
      };
      const el = h("div", { class: "number-entry" },
        hint ? h("p", { class: "muted" }, hint) : null,
        display,
        keypad({ decimal: decimals > 0 ? decimalMark() : null, onKey: press, enter: t("pos.dialog.ok"), id: `${id}-keys` }),
        error);
      routeKeys(el, press);
      draw();
      return el;
    },
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
    ],
  });
}


/**
 * Whether a new quantity is a jump worth a second look (a mistyped 16 for 6): at least 10
 * and at least five times what the line had. Decimal strings, compared in thousandths.
 */
export function isLargeJump(before, after) {
  const milli = (text) => {
    const [int = "0", frac = ""] = String(text).split(".");
    return Number.parseInt(int || "0", 10) * 1000 + Number.parseInt((frac + "000").slice(0, 3), 10);
  };
  const from = milli(before);
  const to = milli(after);
  return to >= 10_000 && to >= 5 * Math.max(from, 1);
}

/** "1.250" minor digits for showing a stored quantity in a keypad. */
export function quantityText(q) {
  const n = String(q ?? "");
  return n.includes(".") ? n.replace(/0+$/, "").replace(/\.$/, "") : n;
}

/**
 * A discount: percent or amount, the value, and a reason code. Resolves with
 * `{percent}` or `{amount}` plus `reason`, `{clear: true}`, or undefined.
 */
export function askDiscount({ title, currency, current, allowClear, id = "discount-dialog" }) {
  let mode = current?.kind === "amount" ? "amount" : "percent";
  let value = "";
  let reason = current?.reason && DISCOUNT_REASONS.includes(current.reason) ? current.reason : null;
  const display = h("div", { class: "value-display", id: `${id}-value` });
  const error = h("p", { class: "form-error", id: `${id}-error`, role: "alert" });
  const modeButtons = ["percent", "amount"].map((m) => h("button", {
    type: "button",
    dataset: { mode: m },
    "aria-pressed": String(m === mode),
    onclick: () => {
      mode = m;
      value = "";
      for (const b of modeButtons) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
      draw();
    },
  }, m === "percent" ? t("pos.discount.percent") : t("pos.discount.amount")));
  const reasons = DISCOUNT_REASONS.map((r) => h("button", {
    type: "button",
    dataset: { reason: r },
    "aria-pressed": String(r === reason),
    onclick: () => {
      reason = r;
      for (const b of reasons) b.setAttribute("aria-pressed", String(b.dataset.reason === reason));
      error.textContent = "";
    },
  }, t(`pos.reason.${r}`)));
  const draw = () => replace(display, value || "0",
    h("span", { class: "unit" }, mode === "percent" ? "%" : currency));
  return tillDialog({
    title,
    id,
    body: (close) => {
      const submit = () => {
        try {
          if (!value || /^0*\.?0*$/.test(value)) throw new Error(t("pos.dialog.enter_value"));
          if (!reason) throw new Error(t("pos.discount.pick_reason"));
          if (mode === "percent") {
            close({ percent: value, reason });
          } else {
            close({ amount: entryToMinor(value, currencyDigits(currency)), reason });
          }
        } catch (err) {
          error.textContent = err.localizedMessage ?? err.message;
        }
      };
      const press = (key) => {
        if (key === "enter") return submit();
        value = applyKey(value, key, { maxLength: 9, decimals: mode === "percent" ? 2 : currencyDigits(currency) });
        error.textContent = "";
        draw();
      };
      const el = h("div", { class: "number-entry" },
        h("div", { class: "segmented", role: "group" }, modeButtons),
        display,
        keypad({ decimal: decimalMark(), onKey: press, enter: t("pos.dialog.ok"), id: `${id}-keys` }),
        h("div", { class: "field-label" }, t("pos.discount.reason")),
        h("div", { class: "reason-chips", id: `${id}-reasons` }, reasons),
        error);
      routeKeys(el, press);
      draw();
      return el;
    },
    actions: (close) => [
      allowClear
        ? h("button", { type: "button", class: "btn btn-danger-outline", id: `${id}-clear`, onclick: () => close({ clear: true }) },
          t("pos.discount.remove"))
        : null,
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
    ],
  });
}

/** Picks a reason code from chips; resolves with it or undefined. */
export function askReason({ title, reasons, id = "reason-dialog" }) {
  return tillDialog({
    title,
    id,
    body: (close) => h("div", { class: "reason-chips" },
      reasons.map((r) => h("button", { type: "button", dataset: { reason: r }, onclick: () => close(r) }, t(`pos.reason.${r}`)))),
    actions: (close) => [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel"))],
  });
}

/** A yes/no question with big buttons. */
export async function confirmAction({ title, message, confirmLabel, danger = false, id = "confirm-dialog" }) {
  const answer = await tillDialog({
    title,
    id,
    body: h("p", {}, message),
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(false) }, t("common.cancel")),
      h("button", { type: "button", class: `btn ${danger ? "btn-danger" : "btn-primary"}`, "data-test": "confirm-ok", onclick: () => close(true) },
        confirmLabel),
    ],
  });
  return answer === true;
}

/** Shows content with a close button (reports, receipts). */
export function showInfo({ title, body, id = "info-dialog", wide = true, actions = () => [] }) {
  return tillDialog({
    title,
    id,
    wide,
    body,
    actions: (close) => [...actions(close),
      h("button", { type: "button", class: "btn btn-primary", id: `${id}-close`, onclick: () => close(undefined) }, t("common.close"))],
  });
}

// ------------------------------------------------------------- approvals

/**
 * Runs `action(approval)`; when the server answers `approval_required`, asks
 * for a manager's PIN on the spot and runs it again with that single-use
 * approval. Resolves with the action's result, or undefined if cancelled.
 */
export async function withApproval(ctx, action) {
  try {
    return await action(undefined);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "approval_required") throw err;
    return askApproval(ctx, action, err.details?.action);
  }
}

function askApproval(ctx, action, what) {
  const managers = ctx.session.staff.filter((s) => s.can_approve);
  let chosen = managers.length === 1 ? managers[0].id : null;
  const loginInput = h("input", { class: "input", id: "approval-login", type: "text", autocomplete: "off", placeholder: t("pos.signin.login_placeholder") });
  return tillDialog({
    title: t("pos.approval.title"),
    id: "approval-dialog",
    body: (close) => {
      const tiles = managers.map((m) => h("button", {
        type: "button",
        class: "staff",
        dataset: { staffId: m.id, name: m.display_name },
        "aria-pressed": String(m.id === chosen),
        onclick: () => {
          chosen = m.id;
          for (const b of tiles) b.setAttribute("aria-pressed", String(b.dataset.staffId === chosen));
        },
      }, h("span", { class: "avatar", "aria-hidden": "true" }, m.initials || initials(m.display_name)),
      h("span", {}, h("strong", {}, m.display_name))));
      const pad = pinPad({
        id: "approval-pin",
        enterLabel: t("pos.approval.ok"),
        submit: async (pin) => {
          const login = managers.length ? null : loginInput.value.trim().toLowerCase();
          if (!chosen && !login) throw new Error(t("pos.approval.choose"));
          const who = chosen ? { staff_id: chosen } : { login };
          try {
            close({ value: await action({ ...who, pin }) });
          } catch (err) {
            // A wrong PIN is the manager's to try again, here in the dialog: the cashier's
            // session is not in question.
            if (err instanceof ApiError && (err.code === "approval_invalid" || err.code === "account_locked")) {
              throw new Error(pinErrorText(err));
            }
            if (err instanceof ApiError && (err.code === "approval_denied" || err.code === "forbidden")) {
              throw new Error(t(`pos.approval.${err.code}`));
            }
            close({ error: err });
          }
        },
      });
      return h("div", { class: "approval" },
        h("div", { class: "approval-note" }, icon("lock"),
          h("span", {}, t("pos.approval.why", { action: t(`pos.action.${what}`) === `pos.action.${what}` ? what : t(`pos.action.${what}`) }))),
        managers.length ? h("div", { class: "manager-list" }, tiles) : loginInput,
        pad.el);
    },
    actions: (close) => [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel"))],
  }).then((result) => {
    if (result?.error) throw result.error;
    return result?.value;
  });
}

/** The shortcuts list (F1). */
export function showShortcuts(list) {
  return showInfo({
    title: t("pos.help.title"),
    id: "help-dialog",
    wide: false,
    body: h("div", { class: "help-keys" },
      list.flatMap(([key, label]) => [h("span", { class: "kbd" }, key), h("span", {}, label)])),
  });
}

/** A quantity decimal string ("1.250") for the locale: "1,250" (fr) with 3 decimals for weights. */
export function formatQuantity(text, weighed) {
  const nf = new Intl.NumberFormat(document.documentElement.lang || "en", {
    minimumFractionDigits: weighed ? 3 : 0,
    maximumFractionDigits: 3,
  });
  // Intl formats a decimal string exactly, without going through a float.
  return nf.format(String(text));
}

/** "3 × 1,20 €" or "1,250 kg × 2,99 €/kg" for a line. */
export function lineDetail(line) {
  const price = line.price_override ?? line.unit_price;
  if (line.sold_by_weight) {
    return `${formatQuantity(line.quantity, true)} ${line.unit} × ${formatMoney(price)}/${line.unit}`;
  }
  return `${formatQuantity(line.quantity, false)} × ${formatMoney(price)}`;
}

