// One transfer, #/transfers/<id>: its lines (sent, scanned on arrival or received, and the
// difference). The sending store sends or cancels a draft. The receiving store scans what
// arrives, like the counting screen (each scan one keyed request, a beep, the line updated
// in place; codes not on the transfer listed), sees the differences, then confirms.

import { api } from "../common/api.js";
import { confirmDialog, errorText, h, icon, replace, toast } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { beepError, beepOk } from "../pos/sound.js";
import { qtyText, signedQty } from "./quantity.js";
import { loadStores, placeName, transferBadge } from "./transfers.js";
import { pageHeader } from "./ui.js";

const RETRY_MS = [500, 1000, 2000, 4000];

function newKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export function mount(container, ctx, route) {
  const base = `/api/v1/stock/transfers/${encodeURIComponent(route.id)}`;
  let transfer = null;
  const queue = [];
  let pumping = false;
  let disposed = false;
  // One key per confirming action shown, so a retried click books once.
  const keys = { send: newKey(), receive: newKey() };

  const titleEl = h("h1", { id: "transfer-title" }, t("transfers.title"));
  const badgeEl = h("span", { class: "count-badges" });
  const actions = h("div", { class: "page-actions-inner" });
  const summary = h("p", { class: "muted small", id: "transfer-summary" });
  const routeEl = h("p", { class: "transfer-route", id: "transfer-route" });
  let stores = [];
  const linesEl = h("ul", { class: "count-lines", id: "transfer-lines" });
  const unmatchedEl = h("ul", { class: "count-unmatched", id: "transfer-unmatched" });
  const unmatchedBox = h("section", { class: "card count-card", hidden: true },
    h("div", { class: "card-body" }, h("h2", {}, t("transfers.unmatched_title")), unmatchedEl));
  const feedback = h("p", { class: "count-feedback", id: "transfer-feedback", role: "status", "aria-live": "polite" });
  const scanInput = h("input", {
    id: "transfer-scan", class: "input input-lg mono", type: "text", autocomplete: "off",
    autocapitalize: "off", spellcheck: "false", placeholder: t("transfers.scan_placeholder"),
  });
  const qtyInput = h("input", { id: "transfer-qty", class: "input input-lg count-qty", type: "text", inputmode: "decimal", autocomplete: "off", placeholder: "1", "aria-label": t("transfers.line_qty") });
  const scanForm = h("form", {
    class: "count-scan-form",
    id: "transfer-scan-form",
    hidden: true,
    onsubmit: (event) => {
      event.preventDefault();
      const code = scanInput.value.trim();
      scanInput.value = "";
      const quantity = qtyInput.value.trim().replace(",", ".");
      qtyInput.value = "";
      if (code) send({ code, ...(quantity ? { quantity } : {}) });
      scanInput.focus();
    },
  },
  h("label", { for: "transfer-scan", class: "count-scan-label" }, icon("barcode"), t("transfers.scan_label")),
  h("div", { class: "count-scan-row" }, scanInput, qtyInput,
    h("button", { type: "submit", class: "btn btn-primary btn-lg" }, t("common.add"))),
  h("p", { class: "hint" }, t("transfers.scan_hint")));

  const ours = () => transfer && transfer.store_id === ctx.store?.id;
  const theirs = () => transfer && transfer.to_store_id === ctx.store?.id;

  function lineRow(l) {
    const arrived = transfer.status === "received"
      ? t("transfers.line_received", { count: qtyText(l.received) })
      : t("transfers.line_scanned", { count: qtyText(l.scanned) });
    const d = String(l.difference);
    const tone = d.startsWith("-") ? "short" : /^0(\.0*)?$/.test(d) ? "" : "over";
    const showDiff = transfer.status === "in_transit" || transfer.status === "received";
    return h("li", { class: `count-line ${showDiff ? tone : ""}`, dataset: { lineNo: String(l.line_no), itemId: l.to_item_id, difference: d } },
      h("div", { class: "count-line-main" },
        h("span", { class: "count-line-name" }, l.name),
        h("span", { class: "count-line-meta muted small" }, `${l.sku} · ${t("transfers.line_sent", { sent: qtyText(l.quantity), arrived })}`)),
      showDiff ? h("span", { class: "count-line-qty mono", "aria-label": t("transfers.difference") }, signedQty(d)) : null);
  }

  function show(view) {
    transfer = view;
    titleEl.textContent = t("transfers.one");
    ctx.setTitle(titleEl.textContent);
    replace(badgeEl, transferBadge(view.status));
    replace(linesEl, view.lines.map(lineRow));
    summary.textContent = t("transfers.summary", { short: view.lines_short, over: view.lines_over });
    routeEl.textContent = t("transfers.route_text", {
      from: placeName(stores, view.store_id, view.from_location_id) || "?",
      to: placeName(stores, view.to_store_id, view.to_location_id) || "?",
    });
    replace(unmatchedEl, view.unmatched.map((u) => h("li", { dataset: { code: u.code } },
      h("span", { class: "mono" }, u.code), " ", h("span", { class: "muted small" }, t(`transfers.outcome.${u.outcome}`)), ` ×${u.scans}`)));
    unmatchedBox.hidden = view.unmatched.length === 0;
    const receiving = view.status === "in_transit" && theirs();
    scanForm.hidden = !receiving;
    replace(actions,
      view.status === "draft" && ours()
        ? [h("button", { type: "button", class: "btn btn-primary", id: "transfer-send", onclick: sendTransfer }, t("transfers.send")),
          h("button", { type: "button", class: "btn btn-ghost", id: "transfer-cancel", onclick: cancel }, t("transfers.cancel"))]
        : null,
      receiving ? h("button", { type: "button", class: "btn btn-primary", id: "transfer-receive", onclick: receive }, t("transfers.receive")) : null);
  }

  async function reload() {
    try {
      show(await api("GET", base));
    } catch (err) {
      feedback.textContent = errorText(err);
    }
  }

  function send(body) {
    queue.push({ key: newKey(), body });
    pump();
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    let tries = 0;
    while (queue.length > 0 && !disposed) {
      const item = queue[0];
      try {
        const answer = await api("POST", `${base}/scans`, item.body, { headers: { "Idempotency-Key": item.key } });
        queue.shift();
        tries = 0;
        if (answer.outcome === "counted" && answer.line) {
          beepOk();
          const i = transfer.lines.findIndex((l) => l.line_no === answer.line.line_no);
          if (i >= 0) transfer.lines[i] = answer.line;
          linesEl.querySelector(`li[data-line-no='${answer.line.line_no}']`)?.replaceWith(lineRow(answer.line));
          feedback.className = "count-feedback ok";
          feedback.textContent = t("transfers.counted_one", { name: answer.line.name, scanned: qtyText(answer.line.scanned), sent: qtyText(answer.line.quantity) });
        } else {
          beepError();
          feedback.className = "count-feedback error";
          feedback.textContent = `${t(`transfers.outcome.${answer.outcome}`)}: ${answer.code}`;
          await reload();
        }
      } catch (err) {
        if (err.status === 0 || err.status >= 500 || err.code === "idempotency_in_flight") {
          await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(tries, RETRY_MS.length - 1)]));
          tries += 1;
          continue;
        }
        queue.shift();
        beepError();
        feedback.className = "count-feedback error";
        feedback.textContent = errorText(err);
      }
    }
    pumping = false;
  }

  async function step(what, key, body, done) {
    try {
      await api("POST", `${base}/${what}`, body, { headers: { "Idempotency-Key": key } });
      toast(t(done), { kind: "success" });
      await reload();
    } catch (err) {
      feedback.className = "count-feedback error";
      feedback.textContent = errorText(err);
    }
  }

  const sendTransfer = () => step("send", keys.send, {}, "transfers.sent_done");
  const receive = () => step("receive", keys.receive, {}, "transfers.received_done");

  async function cancel() {
    const ok = await confirmDialog({ title: t("transfers.cancel_title"), message: t("transfers.cancel_body"), confirmLabel: t("transfers.cancel"), danger: true });
    if (!ok) return;
    try {
      show(await api("POST", `${base}/cancel`, {}));
    } catch (err) {
      feedback.textContent = errorText(err);
    }
  }

  container.append(
    pageHeader({ title: titleEl, badge: badgeEl, crumb: h("a", { class: "crumb", href: "#/transfers" }, t("transfers.title")), actions: [actions] }),
    h("div", { class: "page-body count-page" },
      scanForm,
      feedback,
      h("section", { class: "card count-card" },
        h("div", { class: "card-body" }, routeEl, summary, linesEl)),
      unmatchedBox));
  loadStores().then((all) => { stores = all; }).then(reload).then(() => {
    if (!scanForm.hidden) scanInput.focus();
  });
  return { unmount: () => { disposed = true; }, isDirty: () => queue.length > 0 };
}
