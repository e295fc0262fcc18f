// The counting screen, #/counts/<id>: scanner first, phone sized. A Bluetooth or USB scanner
// is a keyboard that types the code and Enter into the focused field; each code is sent at
// once (one keyed request: sent again after a network failure, it still counts once), beeps,
// and updates its line in the running list without reloading anything. A quantity typed
// first is added instead of one (weighed goods, a pile); "Set" on a line replaces its count.
// Codes that counted nothing are listed. A blind count never shows expected quantities.
// Managers open the variance report (count-report.js) and apply or cancel the count.

import { api } from "../common/api.js";
import { confirmDialog, errorText, h, icon, openDialog, replace, toast } from "../common/dom.js";
import { t, tn } from "../common/i18n.js";
import { beepError, beepOk } from "../pos/sound.js";
import { statusBadge } from "./counts.js";
import { showReport } from "./count-report.js";
import { qtyText, signedQty } from "./quantity.js";
import { pageHeader } from "./ui.js";

const RETRY_MS = [500, 1000, 2000, 4000];

function newKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export function mount(container, ctx, route) {
  const id = route.id;
  const base = `/api/v1/stock/counts/${encodeURIComponent(id)}`;
  let count = null;
  const lines = new Map(); // item_id -> {line, row}
  const queue = [];
  let pumping = false;
  let disposed = false;

  const titleEl = h("h1", { id: "count-title" }, t("counts.title"));
  const badgeEl = h("span", { class: "count-badges" });
  const actions = h("div", { class: "page-actions-inner" });
  const scanInput = h("input", {
    id: "count-scan",
    class: "input input-lg mono",
    type: "text",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    enterkeyhint: "enter",
    placeholder: t("counts.scan_placeholder"),
    "aria-describedby": "count-scan-hint",
  });
  const qtyInput = h("input", {
    id: "count-qty",
    class: "input input-lg count-qty",
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    placeholder: t("counts.qty_placeholder"),
    "aria-label": t("counts.qty_label"),
  });
  const feedback = h("p", { class: "count-feedback", id: "count-feedback", role: "status", "aria-live": "polite" });
  const pendingEl = h("p", { class: "muted small", id: "count-pending", hidden: true });
  const closedEl = h("div", { class: "alert alert-info", id: "count-closed", hidden: true });
  const listEl = h("ul", { class: "count-lines", id: "count-lines" });
  const emptyEl = h("p", { class: "muted", id: "count-lines-empty" }, t("counts.lines_none"));
  const totalEl = h("span", { class: "muted small", id: "count-lines-total" });
  const unmatchedEl = h("ul", { class: "count-unmatched", id: "count-unmatched" });
  const unmatchedBox = h("section", { class: "card count-card", id: "count-unmatched-box", hidden: true },
    h("div", { class: "card-body" }, h("h2", {}, t("counts.unmatched_title")), unmatchedEl));
  const reportBox = h("section", { class: "count-report", id: "count-report" });
  const unmatched = new Map(); // code|outcome -> {code, outcome, scans}

  const scanForm = h("form", {
    class: "count-scan-form",
    id: "count-scan-form",
    onsubmit: (event) => {
      event.preventDefault();
      const code = scanInput.value.trim();
      scanInput.value = "";
      if (!code) return;
      const quantity = qtyInput.value.trim();
      qtyInput.value = "";
      send({ code, ...(quantity ? { quantity: quantity.replace(",", ".") } : {}) });
      scanInput.focus();
    },
  },
  h("label", { for: "count-scan", class: "count-scan-label" }, icon("barcode"), t("counts.scan_label")),
  h("div", { class: "count-scan-row" }, scanInput, qtyInput,
    h("button", { type: "submit", class: "btn btn-primary btn-lg", id: "count-add" }, t("counts.add"))),
  h("p", { class: "hint", id: "count-scan-hint" }, t("counts.scan_hint")));

  function blind() {
    return count?.blind === true;
  }

  function takesScans() {
    return count && (count.status === "open" || count.status === "counting");
  }

  function lineRow(line) {
    const detail = [tn("counts.scans", line.scans)];
    if (!blind() && line.expected !== null && line.expected !== undefined) {
      detail.push(t("counts.expected", { expected: qtyText(line.expected) }));
      detail.push(t("counts.variance", { variance: signedQty(line.variance) }));
    }
    const variance = blind() ? "" : String(line.variance ?? "");
    const tone = variance.startsWith("-") ? "short" : variance && !/^0(\.0*)?$/.test(variance) ? "over" : "";
    return h("li", { class: `count-line ${tone}`, dataset: { itemId: line.item_id } },
      h("div", { class: "count-line-main" },
        h("span", { class: "count-line-name" }, line.name),
        h("span", { class: "count-line-meta muted small" }, `${line.sku} · ${detail.join(" · ")}`)),
      h("span", { class: "count-line-qty mono", dataset: { counted: line.counted } }, qtyText(line.counted)),
      takesScans() && ctx.can("count")
        ? h("button", {
          type: "button",
          class: "btn btn-secondary btn-sm count-set",
          "aria-label": t("counts.set_title", { name: line.name }),
          onclick: () => setQuantity(line),
        }, t("counts.set"))
        : null);
  }

  function showLine(line, { top = true } = {}) {
    const old = lines.get(line.item_id);
    const row = lineRow(line);
    if (old) old.row.remove();
    if (top) listEl.prepend(row);
    else listEl.append(row);
    lines.set(line.item_id, { line, row });
    emptyEl.hidden = lines.size > 0;
    totalEl.textContent = tn("counts.lines_total", lines.size);
  }

  function showUnmatched() {
    replace(unmatchedEl, [...unmatched.values()].map((u) => h("li", { dataset: { code: u.code, outcome: u.outcome } },
      h("span", { class: "mono" }, u.code), " ",
      h("span", { class: "muted small" }, t(`counts.outcome.${u.outcome}`)), " ",
      h("span", { class: "badge badge-plain badge-neutral" }, t("counts.unmatched_scans", { count: u.scans })))));
    unmatchedBox.hidden = unmatched.size === 0;
  }

  function say(text, kind) {
    feedback.textContent = text;
    feedback.className = `count-feedback ${kind}`;
  }

  function showPending() {
    pendingEl.hidden = queue.length === 0;
    pendingEl.textContent = t("counts.pending", { count: queue.length });
  }

  function send(body) {
    if (!takesScans()) return;
    queue.push({ key: newKey(), body });
    showPending();
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
        took(answer);
      } catch (err) {
        const again = err.status === 0 || err.status >= 500 || err.code === "idempotency_in_flight";
        if (again) {
          // Offline or busy: the same scan, with the same key, until the server answers.
          await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(tries, RETRY_MS.length - 1)]));
          tries += 1;
          continue;
        }
        queue.shift();
        beepError();
        say(errorText(err), "error");
        if (err.code === "count_closed") await reload();
      }
      showPending();
    }
    pumping = false;
    showPending();
  }

  function took(answer) {
    if (answer.outcome === "counted" && answer.line) {
      beepOk();
      if (count.status === "open") {
        // The first scan starts the counting (the server says so too).
        count.status = "counting";
        showHeader();
      }
      showLine(answer.line);
      say(t("counts.counted_one", { name: answer.line.name, counted: qtyText(answer.line.counted) }), "ok");
      return;
    }
    beepError();
    const k = `${answer.code}|${answer.outcome}`;
    const seen = unmatched.get(k) ?? { code: answer.code, outcome: answer.outcome, scans: 0 };
    if (!answer.repeated) seen.scans += 1;
    unmatched.set(k, seen);
    showUnmatched();
    say(`${t(`counts.outcome.${answer.outcome}`)}: ${answer.code}`, "error");
  }

  async function setQuantity(line) {
    const input = h("input", { id: "count-set-qty", class: "input input-lg", type: "text", inputmode: "decimal", value: qtyText(line.counted) });
    const value = await openDialog({
      title: t("counts.set_title", { name: line.name }),
      id: "count-set-dialog",
      body: (close) => h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); close(input.value); } },
        input, h("p", { class: "hint" }, t("counts.set_hint"))),
      actions: (close) => [
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => close() }, t("common.cancel")),
        h("button", { type: "button", class: "btn btn-primary", id: "count-set-save", onclick: () => close(input.value) }, t("common.save")),
      ],
    });
    if (value === undefined) return;
    // The locale's decimal comma becomes the API's point; grouping spaces go.
    const quantity = String(value).trim().replace(/\s/g, "").replace(",", ".");
    if (quantity) send({ item_id: line.item_id, mode: "set", quantity });
    scanInput.focus();
  }

  function showHeader() {
    titleEl.textContent = t("counts.count_title", { location: count.location_name });
    ctx.setTitle(titleEl.textContent);
    replace(badgeEl, statusBadge(count.status),
      count.blind ? [" ", h("span", { class: "badge badge-plain badge-neutral", id: "count-blind" }, t("counts.blind_badge"))] : null);
    const manager = ctx.can("stock_manage");
    replace(actions,
      manager && count.status !== "cancelled"
        ? h("button", { type: "button", class: "btn btn-secondary", id: "count-report-open", onclick: openReport }, t("counts.report_open"))
        : null,
      manager && takesScans()
        ? h("button", { type: "button", class: "btn btn-ghost", id: "count-cancel", onclick: cancel }, t("counts.cancel_action"))
        : null);
    // Scanning needs `count` (a cashier only when the store lets cashiers count): others
    // see the count as it stands.
    const scans = takesScans() && ctx.can("count");
    scanForm.hidden = !scans;
    closedEl.hidden = scans;
    closedEl.textContent = scans ? "" : takesScans() ? t("counts.may_not_count") : t(`counts.closed.${count.status}`);
  }

  function showCount(view) {
    count = view;
    showHeader();
    lines.clear();
    listEl.replaceChildren();
    for (const line of view.lines) showLine(line, { top: false });
    emptyEl.hidden = lines.size > 0;
    totalEl.textContent = tn("counts.lines_total", lines.size);
    unmatched.clear();
    for (const u of view.unmatched) unmatched.set(`${u.code}|${u.outcome}`, { ...u });
    showUnmatched();
  }

  async function reload() {
    try {
      showCount(await api("GET", base));
    } catch (err) {
      say(errorText(err), "error");
    }
  }

  async function openReport() {
    const applied = await showReport(reportBox, { base, count, currency: ctx.currency });
    if (applied) {
      toast(t("counts.applied", { count: applied.movements }), { kind: "success" });
      await reload();
    }
  }

  async function cancel() {
    const ok = await confirmDialog({
      title: t("counts.cancel_title"),
      message: t("counts.cancel_body"),
      confirmLabel: t("counts.cancel_action"),
      danger: true,
    });
    if (!ok) return;
    try {
      showCount(await api("POST", `${base}/cancel`, {}));
      toast(t("counts.cancelled"));
    } catch (err) {
      say(errorText(err), "error");
    }
  }

  container.append(
    pageHeader({
      title: titleEl,
      badge: badgeEl,
      crumb: h("a", { class: "crumb", href: "#/counts" }, t("counts.title")),
      actions: [actions],
    }),
    h("div", { class: "page-body count-page" },
      closedEl,
      scanForm,
      feedback,
      pendingEl,
      reportBox,
      h("section", { class: "card count-card" },
        h("div", { class: "card-body" },
          h("div", { class: "count-lines-head" }, h("h2", {}, t("counts.lines_title")), totalEl),
          emptyEl,
          listEl)),
      unmatchedBox));
  reload().then(() => {
    if (takesScans()) scanInput.focus();
  });
  return {
    unmount: () => { disposed = true; },
    isDirty: () => queue.length > 0,
  };
}
