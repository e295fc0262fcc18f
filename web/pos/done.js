// After completion: the change to give, the receipt (shown, printed on the
// register's printer, or printed from the browser), and the till ready for
// the next customer — the next scan starts a new sale.

import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatMoney, t } from "../common/i18n.js";
import { afterPaint, busy, saleReady } from "./perf.js";
import { sales } from "./sale.js";
import { chimeDone } from "./sound.js";

export function mountDone(side, { ctx, sale, since, next }) {
  const change = sale.settlement?.change ?? sale.change ?? null;
  const isReturn = sale.kind === "return";
  const hasPrinter = Boolean(ctx.session.register?.printer);
  const frame = h("iframe", {
    class: "done-receipt",
    id: "receipt-frame",
    title: t("pos.done.receipt"),
    src: sales.receiptUrl(sale.id, "html"),
  });
  const printStatus = h("span", { class: "muted", id: "print-status", role: "status" });

  async function printOnRegister() {
    printStatus.textContent = t("pos.done.printing");
    try {
      await sales.print(sale.id);
      printStatus.textContent = t("pos.done.printed");
    } catch (err) {
      printStatus.textContent = "";
      toast(errorText(err), { kind: "error" });
    }
  }

  function printInBrowser() {
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    } catch (err) {
      toast(errorText(err), { kind: "error" });
    }
  }

  replace(side, h("section", { class: "pos-panel" },
    h("div", { class: "done", id: "done" },
      h("div", { class: "done-title" },
        icon("check"),
        h("h2", {}, isReturn ? t("pos.done.refunded") : t("pos.done.title")),
        h("span", { class: "pos-top-spacer" }),
        h("strong", { class: "mono", id: "done-receipt-number" }, sale.receipt_number ?? "")),
      change && change.amount !== 0
        ? h("div", { class: "fig is-change" }, h("span", {}, t("pos.pay.change")), h("strong", { id: "done-change" }, formatMoney(change)))
        : h("div", { class: "fig" }, h("span", {}, isReturn ? t("pos.totals.refund") : t("pos.totals.total")),
          h("strong", { id: "done-total" }, formatMoney(sale.total))),
      (sale.payments ?? []).filter((p) => p.credit_note && (p.amount?.amount ?? p.tendered?.amount ?? 0) < 0).map((p) =>
        h("div", { class: "credit-note", id: "done-credit-note" },
          h("span", {}, t("pos.done.credit_note"), " · ", formatMoney(p.amount ?? p.tendered)),
          h("strong", { class: "mono" }, p.credit_note))),
      frame,
      h("div", { class: "done-actions" },
        h("button", { type: "button", class: "btn btn-secondary", id: "done-print", disabled: !hasPrinter, title: hasPrinter ? null : t("pos.done.no_printer"), onclick: printOnRegister },
          icon("printer"), t("pos.done.print"), h("span", { class: "kbd" }, "F4")),
        h("button", { type: "button", class: "btn btn-secondary", id: "done-browser-print", onclick: printInBrowser },
          icon("receipt"), t("pos.done.browser_print"), h("span", { class: "kbd" }, "F3")),
        h("button", { type: "button", class: "btn btn-primary", id: "done-next", onclick: () => next() },
          t("pos.done.next"), h("span", { class: "kbd" }, t("pos.key.enter")))),
      printStatus,
      h("p", { class: "done-next" }, t("pos.done.scan_next")))));
  chimeDone();
  afterPaint().then(() => {
    if (since !== undefined) busy(since);
    saleReady();
  });

  return {
    key(event) {
      if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement)) {
        next();
        return true;
      }
      if (event.key === "F4" && hasPrinter) {
        printOnRegister();
        return true;
      }
      if (event.key === "F3") {
        printInBrowser();
        return true;
      }
      return false;
    },
    unmount() {},
  };
}
