// The payment panel: what is due, the tenders taken, cash with a keypad and
// quick amounts, card and wallet through the terminal, and completion.

import { ApiError } from "../common/api.js";
import { errorText, h, icon, openDialog, replace } from "../common/dom.js";
import { currencyDigits, formatMoney, t } from "../common/i18n.js";
import { applyKey, decimalMark, entryToMinor, keypad } from "./keypad.js";
import { afterPaint, busy } from "./perf.js";
import { confirmAction } from "./dialogs.js";
import { newKey, sales, sendKeyed } from "./sale.js";
import { beepError } from "./sound.js";

/** Bank notes by currency, in minor units, for the "next note up" amounts. */
const NOTES = {
  EUR: [500, 1000, 2000, 5000, 10000, 20000],
  USD: [100, 500, 1000, 2000, 5000, 10000],
  GBP: [500, 1000, 2000, 5000],
  CHF: [1000, 2000, 5000, 10000, 20000],
  JPY: [1000, 2000, 5000, 10000],
  SEK: [2000, 5000, 10000, 20000, 50000],
};

/** Exact, then the next round amounts a customer is likely to hand over. */
export function quickAmounts(due, currency) {
  if (due <= 0) return [];
  const notes = NOTES[currency] ?? [100, 500, 1000, 2000, 5000, 10000].map((n) => n * 10 ** Math.max(0, currencyDigits(currency) - 2));
  const out = [due];
  for (const note of notes) {
    const up = Math.ceil(due / note) * note;
    if (up > due && !out.includes(up)) out.push(up);
    if (out.length >= 4) break;
  }
  return out;
}

export function mountPayment(side, { ctx, sale: initial, setSale, setOffline, showError, back, finished }) {
  const currency = initial.total.currency;
  const digits = currencyDigits(currency);
  const external = ctx.session.settings?.terminal === "external";
  let sale = initial;
  let entry = ""; // typed amount, digits with "." as the decimal mark
  let pending = null; // a tender or completion in progress: {kind}
  let message = null; // {kind: "error"|"info", text}
  let completing = false;
  let gone = false;

  const figures = h("div", { class: "pay-figures", id: "pay-figures" });
  const tenders = h("ul", { class: "tenders", id: "tenders" });
  const cashEntry = h("div", { class: "cash-entry", id: "cash-entry", "aria-live": "polite" });
  const quick = h("div", { class: "quick-amounts", id: "quick-amounts" });
  const status = h("div", { id: "pay-status" });
  const methods = h("div", { class: "pay-methods" });
  const pad = keypad({ decimal: digits > 0 ? decimalMark() : null, doubleZero: digits === 0, clear: true, onKey: press, id: "pay-keys" });
  const panel = h("div", { class: "pay", id: "payment" },
    h("div", { class: "pay-head" },
      h("button", { type: "button", class: "btn btn-secondary", id: "pay-back", onclick: () => leave() },
        icon("left"), t("pos.pay.back"), h("span", { class: "kbd" }, "Esc")),
      h("h2", {}, sale.kind === "return" ? t("pos.pay.refund_title") : t("pos.pay.title"))),
    figures,
    tenders,
    status,
    h("div", { class: "pay-body" },
      h("div", { class: "pay-cash" }, cashEntry, h("div", { style: "height:8px" }), pad),
      h("div", { class: "pay-methods-col" }, quick, h("div", { style: "height:8px" }), methods)));
  replace(side, h("section", { class: "pos-panel" }, panel));

  const remaining = () => sale.settlement.remaining.amount;
  const cashDue = () => sale.settlement.cash_due.amount;

  function entered() {
    if (!entry) return undefined;
    return entryToMinor(entry, digits);
  }

  function draw() {
    const s = sale.settlement;
    const figs = [
      h("div", { class: "fig is-due" },
        h("span", {}, s.settled ? t("pos.pay.paid_in_full") : t("pos.pay.due")),
        h("strong", { id: "pay-due" }, formatMoney(s.remaining))),
      h("div", { class: "fig" }, h("span", {}, t("pos.totals.total")), h("strong", { id: "pay-total" }, formatMoney(sale.total))),
      h("div", { class: "fig" }, h("span", {}, t("pos.pay.paid")), h("strong", { id: "pay-paid" }, formatMoney(s.paid))),
    ];
    if (s.rounding.amount !== 0) {
      figs.push(h("div", { class: "fig" }, h("span", {}, t("pos.pay.cash_due")), h("strong", { id: "pay-cash-due" }, formatMoney(s.cash_due))));
      figs.push(h("div", { class: "fig" }, h("span", {}, t("pos.pay.rounding")), h("strong", {}, formatMoney(s.rounding))));
    }
    if (s.change.amount !== 0) {
      figs.push(h("div", { class: "fig is-change" }, h("span", {}, t("pos.pay.change")), h("strong", { id: "pay-change" }, formatMoney(s.change))));
    }
    replace(figures, figs);
    replace(tenders, sale.payments.filter((p) => p.tendered.amount > 0 || !p.voided_by).map((p) => h("li", {
      dataset: { kind: p.kind, paymentId: p.id },
      class: p.voided_by ? "is-voided" : null,
    },
    h("span", { class: "grow" }, t(`pos.tender.${p.kind}`),
      p.card_brand ? h("span", { class: "muted" }, `${p.card_brand} •••• ${p.card_last4 ?? ""}`) : null,
      p.auth_code ? h("span", { class: "muted" }, `${t("pos.pay.auth")} ${p.auth_code}`) : null,
      p.credit_note ? h("span", { class: "muted mono" }, p.credit_note) : null,
      p.voided_by ? h("span", { class: "muted" }, t("pos.pay.voided")) : null),
    h("strong", {}, formatMoney(p.tendered)),
    p.voided_by || p.tendered.amount < 0
      ? null
      : h("button", {
        type: "button",
        class: "btn btn-ghost btn-icon tender-void",
        title: t("pos.pay.void"),
        "aria-label": t("pos.pay.void"),
        disabled: Boolean(pending),
        onclick: () => voidTender(p),
      }, icon("x")))));
    const shown = entered();
    cashEntry.classList.toggle("is-empty", shown === undefined);
    cashEntry.textContent = shown === undefined
      ? formatMoney({ amount: cashDue(), currency })
      : formatMoney({ amount: shown, currency });
    replace(quick, quickAmounts(cashDue(), currency).map((a, i) => h("button", {
      type: "button",
      class: `btn ${i === 0 ? "btn-primary" : "btn-secondary"}`,
      id: i === 0 ? "cash-exact" : `cash-${a}`,
      disabled: Boolean(pending) || s.settled,
      onclick: () => tender("cash", a),
    }, i === 0 ? t("pos.pay.exact") : formatMoney({ amount: a, currency }))));
    const busyNow = Boolean(pending) || s.settled;
    replace(methods,
      h("button", { type: "button", class: "pay-method is-cash", id: "pay-cash", disabled: busyNow, onclick: () => tender("cash", entered()) },
        icon("cash"), t("pos.tender.cash"), h("span", { class: "kbd" }, t("pos.key.enter"))),
      h("button", { type: "button", class: "pay-method is-card", id: "pay-card", disabled: busyNow, onclick: () => tender("card", entered()) },
        icon("card"), t("pos.tender.card"), h("span", { class: "kbd" }, "F3")),
      h("button", { type: "button", class: "pay-method is-wallet", id: "pay-wallet", disabled: busyNow, onclick: () => tender("wallet", entered()) },
        icon("wallet"), t("pos.tender.wallet"), h("span", { class: "kbd" }, "F4")),
      sale.kind === "return"
        ? null
        : h("button", { type: "button", class: "pay-method is-credit", id: "pay-credit", disabled: busyNow, onclick: () => askCredit() },
          icon("receipt"), t("pos.tender.store_credit"), h("span", { class: "kbd" }, "F6")));
    if (pending) {
      replace(status, h("div", { class: "terminal-wait", id: "terminal-wait" },
        h("div", { class: "spinner", "aria-hidden": "true" }),
        h("span", {}, pending.kind === "complete" ? t("pos.pay.completing") : t(`pos.pay.waiting_${pending.kind}`, {
          amount: formatMoney({ amount: pending.amount ?? remaining(), currency }),
        }))));
    } else if (message) {
      replace(status, h("div", { class: `scan-banner is-${message.kind}`, id: "pay-message", role: "alert" },
        icon(message.kind === "error" ? "alert" : "check"), h("span", { class: "grow" }, message.text)));
    } else {
      replace(status);
    }
  }

  function press(key) {
    if (pending) return;
    if (key === "enter") return tender("cash", entered());
    entry = applyKey(entry, key, { maxLength: 9, decimals: digits });
    message = null;
    draw();
  }

  async function tender(kind, amount, extra = {}) {
    if (pending || gone || sale.settlement.settled) return;
    const started = performance.now();
    // A card or wallet charges exactly what the cashier sees; every tender names the sale's
    // version as shown, so a sale that changed meanwhile is shown again, never charged.
    if (amount === undefined && (kind === "card" || kind === "wallet")) amount = remaining();
    let body = { ...(amount === undefined ? { kind } : { kind, amount }), version: sale.version, ...extra };
    if (kind !== "cash" && external) {
      const confirmation = await confirmExternal(amount ?? remaining());
      if (!confirmation) return;
      body = { ...body, confirmation };
    }
    pending = { kind, amount };
    message = null;
    draw();
    try {
      const after = await sales.pay(sale.id, newKey("pay"), body, { onWaiting: setOffline, isCancelled: () => gone });
      entry = "";
      pending = null;
      sale = after;
      setSale(after);
      draw();
      await afterPaint();
      busy(started);
      if (after.settlement.settled) await complete();
    } catch (err) {
      pending = null;
      // The amount typed was for that tender: a declined card leaves the keypad empty for
      // the next try (cash, another card, another amount).
      entry = "";
      beepError();
      message = { kind: "error", text: saleChanged(err) ?? paymentError(err) };
      draw();
    }
  }

  /** A sale that changed since it was shown: show it as it is now, and say what moved. */
  function saleChanged(err) {
    const now = err instanceof ApiError && err.code === "sale_changed" ? err.details?.sale : null;
    if (!now) return null;
    const before = sale;
    sale = now;
    setSale(now);
    return t("pos.pay.sale_changed", {
      lines: now.lines.filter((l) => !l.voided).length,
      total: formatMoney(now.total),
      was_lines: before.lines.filter((l) => !l.voided).length,
      was_total: formatMoney(before.total),
    });
  }

  async function complete() {
    if (completing) return;
    completing = true;
    const started = performance.now();
    pending = { kind: "complete" };
    draw();
    try {
      const done = await sales.complete(sale.id, sale.version, { onWaiting: setOffline });
      pending = null;
      gone = true;
      finished(done, started);
    } catch (err) {
      completing = false;
      pending = null;
      const changed = saleChanged(err);
      message = { kind: "error", text: changed ?? errorText(err) };
      draw();
      if (!changed) showError(err);
    }
  }

  function paymentError(err) {
    if (err instanceof ApiError) {
      if (err.code === "not_found") return t("pos.sale.lost");
      if (err.code === "payment_declined") return t("pos.pay.declined");
      if (err.code === "payment_timeout") return t("pos.pay.timeout");
      if (err.code === "credit_note_not_found") return t("pos.pay.credit_not_found");
      if (err.code === "credit_note_insufficient") {
        return t("pos.pay.credit_insufficient", { balance: formatMoney(err.details?.balance ?? { amount: 0, currency }) });
      }
      if (err.code === "credit_note_not_usable") return t("pos.pay.credit_not_usable");
      if (err.code === "credit_note_exceeds_due") return t("pos.pay.credit_exceeds_due");
    }
    return errorText(err);
  }

  async function confirmExternal(amount) {
    const auth = h("input", { class: "input", id: "ext-auth", autocomplete: "off", maxlength: 12 });
    const brand = h("input", { class: "input", id: "ext-brand", autocomplete: "off", maxlength: 20 });
    const last4 = h("input", { class: "input", id: "ext-last4", autocomplete: "off", inputmode: "numeric", maxlength: 4, pattern: "\\d{4}" });
    return openDialog({
      title: t("pos.pay.external_title", { amount: formatMoney({ amount, currency }) }),
      id: "external-dialog",
      body: h("div", { class: "form-grid" },
        h("p", { class: "span-2 muted" }, t("pos.pay.external_sub")),
        h("div", { class: "field" }, h("label", { for: "ext-auth" }, t("pos.pay.auth")), auth),
        h("div", { class: "field" }, h("label", { for: "ext-brand" }, t("pos.pay.brand")), brand),
        h("div", { class: "field" }, h("label", { for: "ext-last4" }, t("pos.pay.last4")), last4)),
      actions: (close) => [
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
        h("button", {
          type: "button", class: "btn btn-primary", id: "ext-ok",
          onclick: () => close({ auth_code: auth.value.trim(), card_brand: brand.value.trim() || null, card_last4: last4.value.trim() || null }),
        }, t("pos.dialog.ok")),
      ],
    });
  }

  /** Store credit: the credit note's code, scanned (its barcode) or typed. */
  async function askCredit(code) {
    if (pending || sale.settlement.settled) return;
    let note = code;
    if (!note) {
      const input = h("input", { class: "input mono", id: "credit-code", autocomplete: "off", spellcheck: "false", placeholder: "CN-…" });
      note = await openDialog({
        title: t("pos.pay.credit_title"),
        id: "credit-dialog",
        body: (close) => {
          input.addEventListener("keydown", (e) => {
            if (e.key === "Enter" && input.value.trim()) {
              e.preventDefault();
              close(input.value.trim());
            }
          });
          return h("div", { class: "field" }, h("label", { for: "credit-code" }, t("pos.pay.credit_code")), input,
            h("p", { class: "hint" }, t("pos.pay.credit_hint")));
        },
        actions: (close) => [
          h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
          h("button", { type: "button", class: "btn btn-primary", id: "credit-ok", onclick: () => input.value.trim() && close(input.value.trim()) },
            t("pos.dialog.ok")),
        ],
      });
      if (!note) return;
    }
    await tender("store_credit", entered(), { credit_note: note });
  }

  /** Gives back a tender taken by mistake (the card is refunded, the credit returns to its note). */
  async function voidTender(p) {
    if (pending) return;
    const ok = await confirmAction({
      title: t("pos.pay.void_title"),
      message: t("pos.pay.void_body", { tender: t(`pos.tender.${p.kind}`), amount: formatMoney(p.tendered) }),
      confirmLabel: t("pos.pay.void"),
      danger: true,
      id: "void-tender-dialog",
    });
    if (!ok) return;
    pending = { kind: p.kind === "cash" ? "cash" : "void", amount: p.tendered.amount };
    message = null;
    draw();
    try {
      const path = `/api/v1/sales/${encodeURIComponent(sale.id)}/payments/${encodeURIComponent(p.id)}/void`;
      const after = await sendKeyed("POST", path, newKey("void"), {}, { onWaiting: setOffline, isCancelled: () => gone });
      pending = null;
      sale = after;
      setSale(after);
      message = { kind: "info", text: t("pos.pay.voided_done", { tender: t(`pos.tender.${p.kind}`) }) };
      draw();
    } catch (err) {
      pending = null;
      beepError();
      message = { kind: "error", text: saleChanged(err) ?? paymentError(err) };
      draw();
    }
  }

  function leave() {
    if (pending) return;
    back();
  }

  draw();
  if (sale.settlement.settled) complete();

  return {
    update(next) {
      if (next && next.id === sale.id) {
        sale = next;
        draw();
      }
    },
    key(event) {
      if (event.key === "Escape") {
        leave();
        return true;
      }
      if (event.key === "F3") {
        tender("card", entered());
        return true;
      }
      if (event.key === "F4") {
        tender("wallet", entered());
        return true;
      }
      if (event.key === "F6" && sale.kind !== "return") {
        askCredit();
        return true;
      }
      if (event.target instanceof HTMLInputElement) return false;
      if (/^\d$/.test(event.key) || event.key === "Backspace" || event.key === "Delete" || event.key === "," || event.key === ".") {
        press({ Backspace: "back", Delete: "clear", ",": "." }[event.key] ?? event.key);
        return true;
      }
      if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement)) {
        press("enter");
        return true;
      }
      return false;
    },
    scan(code) {
      // A credit note's barcode scanned at the payment: spend it.
      if (/^CN-/i.test(code) && sale.kind !== "return") {
        askCredit(code);
        return true;
      }
      return false;
    },
    unmount() {
      gone = true;
    },
  };
}
