// The till's menu: the drawer (no-sale, paid-in, paid-out, drop, X report,
// close with a count and the Z report), tax exemption, the customer display,
// the register and signing out; and the parked sales list.

import { api, apiText } from "../common/api.js";
import { errorText, h, icon, openDialog } from "../common/dom.js";
import { formatMoney, getLocale, t, tn } from "../common/i18n.js";
import { closeDrawer, reportView } from "./drawer.js";
import { CASH_REASONS, askNumber, askReason, showInfo, withApproval } from "./dialogs.js";
import { sales } from "./sale.js";

const reg = (ctx) => `/api/v1/registers/${ctx.session.register.id}`;

/** A report dialog's "Print" button: the browser prints the dialog alone (see pos.css). */
const printAction = () => [
  h("button", { type: "button", class: "btn btn-secondary", onclick: () => window.print() }, icon("printer"), t("pos.report.print")),
];

/** The parked sales of the store; resolves with the one chosen. */
export async function showParked(ctx) {
  const body = await sales.listOpen();
  const parked = (body?.items ?? []).filter((s) => s.status === "parked");
  return openDialog({
    title: t("pos.parked.title"),
    id: "parked-dialog",
    body: (close) => parked.length
      ? h("ul", { class: "parked-list", id: "parked-list" }, parked.map((s) => h("li", {},
        h("button", { type: "button", dataset: { saleId: s.id }, onclick: () => close(s) },
          h("span", {},
            h("strong", {}, s.lines[0]?.description ?? t("pos.parked.empty_sale")),
            h("span", { class: "muted" }, " · ", tn("pos.totals.lines", s.lines.filter((l) => !l.voided).length))),
          h("strong", {}, formatMoney(s.total))))))
      : h("p", { class: "muted", id: "parked-none" }, t("pos.parked.none")),
    actions: (close) => [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.close"))],
  });
}

async function cashMovement(ctx, kind, tools) {
  const currency = ctx.session.store.currency || "EUR";
  const amount = await askNumber({ title: t(`pos.menu.${kind}`), kind: "money", currency, unit: currency, id: "movement-dialog" });
  if (amount === undefined) return;
  const reason = kind === "drop" ? "drop" : await askReason({ title: t("pos.menu.reason"), reasons: CASH_REASONS, id: "movement-reason" });
  if (!reason) return;
  const path = { paid_in: "paid-in", paid_out: "paid-out", drop: "drop" }[kind];
  const done = await withApproval(ctx, (approval) => api("POST", `${reg(ctx)}/drawer/${path}`, { amount, reason, approval }));
  if (done) tools.say("ok", t(`pos.menu.${kind}_done`, { amount: formatMoney(done.amount) }));
}

/** Opens the drawer without a sale (a permission; recorded in the journal). */
export async function noSale(ctx, tools) {
  const reason = await askReason({ title: t("pos.menu.no_sale"), reasons: ["change", "check", "other"], id: "no-sale-reason" });
  if (!reason) return;
  const done = await withApproval(ctx, (approval) => api("POST", `${reg(ctx)}/drawer/no-sale`, { reason, approval }));
  if (done) tools.say("ok", t("pos.menu.no_sale_done"));
}

async function xReport(ctx) {
  const report = await api("GET", `${reg(ctx)}/x-report`);
  await showInfo({ title: t("pos.report.x_title"), id: "x-report", body: reportView(report), actions: printAction });
}

async function zReport(ctx, tools) {
  if (tools.hasLines()) {
    tools.say("error", t("pos.close.finish_first"));
    return;
  }
  const closed = await closeDrawer(ctx, { openDialog });
  if (!closed) return;
  await showInfo({
    title: t("pos.report.z_title", { number: closed.z.number }),
    id: "z-report",
    body: reportView(closed.z.report),
    actions: printAction,
  });
  ctx.onDrawerClosed();
}

async function taxExempt(ctx, tools) {
  const sale = tools.sale();
  if (!sale?.lines?.length) {
    tools.say("error", t("pos.exempt.no_sale"));
    return;
  }
  const input = h("input", { class: "input", id: "exempt-ref", autocomplete: "off", maxlength: 64, value: sale.tax_exempt_ref ?? "" });
  const ref = await openDialog({
    title: t("pos.exempt.title"),
    id: "exempt-dialog",
    body: h("div", { class: "field" }, h("label", { for: "exempt-ref" }, t("pos.exempt.ref")), input),
    actions: (close) => [
      sale.tax_exempt_ref ? h("button", { type: "button", class: "btn btn-danger-outline", onclick: () => close({ clear: true }) }, t("pos.exempt.remove")) : null,
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
      h("button", { type: "button", class: "btn btn-primary", id: "exempt-ok", onclick: () => close({ reference: input.value.trim() }) }, t("pos.dialog.ok")),
    ],
  });
  if (!ref) return;
  const reference = ref.clear ? null : ref.reference;
  const after = await withApproval(ctx, (approval) => sales.setTaxExempt(sale.id, { reference, approval }));
  if (after) tools.setSale(after);
}

/**
 * A duplicate of any past receipt of the store: its number scanned from the receipt or typed,
 * then the server's counted copy (marked DUPLICATE, journaled), shown and printable.
 */
async function reprintReceipt() {
  const input = h("input", { class: "input mono", id: "reprint-receipt", autocomplete: "off", spellcheck: "false", placeholder: "T1-000042" });
  const error = h("p", { class: "form-error", id: "reprint-error", role: "alert" });
  const found = await openDialog({
    title: t("pos.reprint.title"),
    id: "reprint-dialog",
    body: (close) => {
      const find = async () => {
        const number = input.value.trim().toUpperCase();
        if (!number) return;
        error.textContent = "";
        try {
          close(await api("GET", `/api/v1/sales/by-receipt/${encodeURIComponent(number)}`));
        } catch (err) {
          error.textContent = err?.code === "not_found" ? t("pos.reprint.not_found", { number }) : errorText(err);
        }
      };
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          find();
        }
      });
      queueMicrotask(() => input.focus());
      return h("div", { class: "field" }, h("label", { for: "reprint-receipt" }, t("pos.reprint.number")), input,
        h("p", { class: "hint" }, t("pos.reprint.hint")), error);
    },
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
      h("button", { type: "button", class: "btn btn-primary", id: "reprint-find", onclick: () => input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" })) },
        t("pos.reprint.find")),
    ],
  });
  if (!found) return;
  const html = await apiText("POST", `/api/v1/sales/${encodeURIComponent(found.id)}/reprint?format=html`, undefined, { accept: "text/html" });
  const frame = h("iframe", { class: "done-receipt reprint-frame", id: "reprint-frame", title: t("pos.reprint.title"), sandbox: "allow-modals allow-same-origin", srcdoc: html });
  await showInfo({
    title: t("pos.reprint.shown", { number: found.receipt_number }),
    id: "reprint-shown",
    body: frame,
    actions: () => [h("button", { type: "button", class: "btn btn-secondary", id: "reprint-print", onclick: () => frame.contentWindow?.print() },
      icon("printer"), t("pos.report.print"))],
  });
}

function openDisplay(ctx) {
  // The display speaks the till's language from the start (`lang`), then follows its switch.
  const url = `/display/?register=${encodeURIComponent(ctx.session.register.id)}&lang=${getLocale()}`;
  window.open(url, `caisse-display-${ctx.session.register.id}`, "popup,width=1024,height=768");
}

/** Opens the menu; each entry runs and reports through the till's tools. */
export async function openMenu(ctx, tools) {
  const entries = [
    ["menu-no-sale", "drawer", "pos.menu.no_sale", () => noSale(ctx, tools)],
    ["menu-paid-in", "plus", "pos.menu.paid_in", () => cashMovement(ctx, "paid_in", tools)],
    ["menu-paid-out", "undo", "pos.menu.paid_out", () => cashMovement(ctx, "paid_out", tools)],
    ["menu-drop", "download", "pos.menu.drop", () => cashMovement(ctx, "drop", tools)],
    ["menu-x", "chart", "pos.menu.x_report", () => xReport(ctx)],
    ["menu-reprint", "printer", "pos.menu.reprint", () => reprintReceipt()],
    ["menu-close", "lock", "pos.menu.close", () => zReport(ctx, tools)],
    ["menu-exempt", "percent", "pos.menu.exempt", () => taxExempt(ctx, tools)],
    ["menu-display", "monitor", "pos.menu.display", () => openDisplay(ctx)],
    ["menu-register", "box", "pos.menu.register", () => ctx.changeRegister()],
    ["menu-signout", "logout", "pos.signout", () => ctx.signOut()],
  ];
  const chosen = await openDialog({
    title: t("pos.menu.title"),
    id: "menu-dialog",
    body: (close) => h("div", { class: "menu-list" },
      entries.map(([id, ic, label, run]) => h("button", { type: "button", class: "btn btn-secondary", id, onclick: () => close(run) },
        icon(ic), t(label)))),
    actions: (close) => [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.close"))],
  });
  if (!chosen) return;
  try {
    await chosen();
  } catch (err) {
    tools.showError(err);
  }
}

