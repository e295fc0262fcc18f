// Returns at the till: scan the receipt's barcode (or type its number), pick
// the lines and quantities, choose whether the goods go back to stock, and
// refund to the original tender, to cash or to store credit. Without a
// receipt a manager approves.

import { ApiError, api } from "../common/api.js";
import { errorText, h, icon, openDialog, replace } from "../common/dom.js";
import { formatDate, formatMoney, t } from "../common/i18n.js";
import { formatQuantity, withApproval } from "./dialogs.js";
import { afterPaint, busy } from "./perf.js";
import { changedLine, newKey, returns, sales } from "./sale.js";
import { beepError, beepOk } from "./sound.js";

/** Asks for the receipt number; resolves with it, `{noReceipt: true}`, or undefined. */
export function askReceipt() {
  const input = h("input", {
    class: "input mono",
    id: "return-receipt",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "T1-000042",
  });
  const answer = openDialog({
    title: t("pos.return.title"),
    id: "return-dialog",
    body: (close) => {
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && input.value.trim()) {
          e.preventDefault();
          close(input.value.trim());
        }
      });
      return h("div", { class: "field" },
        h("label", { for: "return-receipt" }, t("pos.return.receipt")),
        input,
        h("p", { class: "hint" }, t("pos.return.hint")));
    },
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", id: "return-no-receipt", onclick: () => close({ noReceipt: true }) },
        t("pos.return.no_receipt")),
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
      h("button", { type: "button", class: "btn btn-primary", id: "return-find", onclick: () => input.value.trim() && close(input.value.trim()) },
        t("pos.return.find")),
    ],
  });
  queueMicrotask(() => input.focus());
  return answer;
}

export function mountReturn(side, { ctx, receipt, existing, setSale, setOffline, say, showError, finished, leave, modeBanner }) {
  const { session } = ctx;
  let ret = null; // the ReturnView
  let pending = false;
  let gone = false;
  const body = h("div", { class: "pay", id: "return-panel" });
  replace(side, h("section", { class: "pos-panel" }, body));

  function show(view, fresh) {
    ret = view;
    setSale(view, fresh);
    draw();
  }

  async function start() {
    if (existing) {
      show(await returns.get(existing.id));
      return;
    }
    const noReceipt = typeof receipt === "object" && receipt?.noReceipt;
    const view = await withApproval(ctx, (approval) => returns.start({
      register_id: session.register.id,
      ...(noReceipt ? {} : { receipt }),
      restock: true,
      ...(approval ? { approval } : {}),
    }));
    if (!view) throw new ApiError(0, "cancelled", t("pos.return.cancelled"));
    show(view);
    beepOk();
  }

  function returnedOf(line) {
    return (ret.lines ?? []).filter((l) => l.original_line_no === line.line_no && !l.voided);
  }

  async function addLine(original, quantity) {
    if (pending) return;
    pending = true;
    const started = performance.now();
    try {
      const before = ret;
      const view = await returns.addLine(ret.id, { original_line_no: original.line_no, quantity });
      show(view, changedLine(before, view));
      await afterPaint();
      busy(started);
    } catch (err) {
      showError(err);
    } finally {
      pending = false;
      draw();
    }
  }

  async function setRestock(value) {
    try {
      show(await api("PUT", `/api/v1/returns/${ret.id}/restock`, { restock: value }));
    } catch (err) {
      showError(err);
      draw();
    }
  }

  async function refund(kind) {
    if (pending || gone) return;
    pending = true;
    draw();
    const started = performance.now();
    try {
      let view = ret;
      if (!view.settlement.settled) {
        const body = { kind, version: view.version };
        view = await sales.pay(ret.id, newKey("refund"), body, { onWaiting: setOffline, isCancelled: () => gone });
        setSale(view);
        ret = { ...ret, ...view };
      }
      const done = await sales.complete(ret.id, view.version, { onWaiting: setOffline });
      gone = true;
      finished(done, started);
    } catch (err) {
      pending = false;
      beepError();
      showError(err);
      draw();
    }
  }

  async function abandon() {
    if (pending) return;
    if (ret && !ret.payments?.length) {
      try {
        await sales.cancel(ret.id, { reason: "customer_left" });
      } catch (err) {
        showError(err);
        return;
      }
    }
    gone = true;
    leave();
  }

  function draw() {
    if (gone) return;
    if (!ret) {
      replace(body, h("div", { class: "terminal-wait" }, h("div", { class: "spinner" }), t("common.loading")));
      return;
    }
    const o = ret.original;
    modeBanner.hidden = false;
    replace(modeBanner, icon("undo"), h("span", { class: "grow" },
      o ? t("pos.return.banner", { receipt: o.receipt_number }) : t("pos.return.banner_none")),
    h("button", { type: "button", class: "btn btn-secondary", id: "return-leave", onclick: abandon }, t("pos.return.leave"), h("span", { class: "kbd" }, "Esc")));
    const restock = h("input", { type: "checkbox", id: "return-restock", checked: ret.restock, disabled: pending || ret.payments?.length > 0 });
    restock.addEventListener("change", () => setRestock(restock.checked));
    const lines = o
      ? h("ul", { class: "return-lines", id: "return-lines" }, o.lines.filter((l) => !l.voided).map((line) => {
        const left = line.returnable;
        const none = Number.parseFloat(left) <= 0;
        const qty = line.unit === "each" ? "1" : left;
        return h("li", { class: `return-line${none ? " is-done" : ""}`, dataset: { lineNo: line.line_no }, title: line.description },
          h("span", { class: "rl-name" }, line.description),
          h("span", { class: "rl-sub" }, t("pos.return.sold", {
            sold: formatQuantity(line.sold, line.unit !== "each"),
            returned: formatQuantity(line.returned, line.unit !== "each"),
          }), " · ", formatMoney(line.total)),
          h("span", { class: "rl-qty mono" }, none ? "" : `× ${formatQuantity(qty, line.unit !== "each")}`),
          h("button", {
            type: "button",
            class: "btn btn-secondary",
            disabled: none || pending || ret.payments?.length > 0,
            dataset: { returnLine: line.line_no },
            onclick: () => addLine(line, qty),
          }, icon("undo"), t("pos.return.take")));
      }))
      : h("p", { class: "muted" }, t("pos.return.scan_items"));
    const refundable = new Map((o?.tenders ?? []).map((x) => [x.kind, x.refundable.amount]));
    const hasLines = ret.lines.some((l) => !l.voided);
    const method = (kind, cls, label, key, ok = true) => h("button", {
      type: "button",
      class: `pay-method ${cls}`,
      id: `refund-${kind}`,
      disabled: !hasLines || pending || !ok,
      onclick: () => refund(kind),
    }, label, h("span", { class: "kbd" }, key));
    replace(body,
      h("div", { class: "pay-head" }, h("h2", {}, o
        ? t("pos.return.of", { receipt: o.receipt_number, date: formatDate(o.business_date), total: formatMoney(o.total) })
        : t("pos.return.without"))),
      h("label", { class: "check", for: "return-restock" }, restock, h("span", {}, t("pos.return.restock"))),
      lines,
      h("div", { class: "fig is-due" }, h("span", {}, t("pos.totals.refund")), h("strong", { id: "refund-total" }, formatMoney(ret.total))),
      h("div", { class: "pay-methods" },
        method("cash", "is-cash", t("pos.return.to_cash"), "F2"),
        method("card", "is-card", t("pos.return.to_card"), "F3", !o || (refundable.get("card") ?? 0) > 0),
        method("store_credit", "is-credit", t("pos.return.to_credit"), "F6")),
      pending ? h("div", { class: "terminal-wait" }, h("div", { class: "spinner" }), t("pos.pay.completing")) : null);
  }

  const ready = start().then(() => draw());
  draw();

  return {
    ready,
    async scan(code, enterAt) {
      if (!ret) return;
      try {
        const before = ret;
        const view = await returns.addLine(ret.id, { code });
        show(view, changedLine(before, view));
        beepOk();
        await afterPaint();
        if (enterAt !== undefined) busy(enterAt);
      } catch (err) {
        beepError();
        say("error", errorText(err));
      }
    },
    key(event) {
      if (event.key === "Escape") {
        abandon();
        return true;
      }
      const kind = { F2: "cash", F3: "card", F6: "store_credit" }[event.key];
      if (kind) {
        refund(kind);
        return true;
      }
      return false;
    },
    unmount() {
      gone = true;
      modeBanner.hidden = true;
    },
  };
}
