// A count's variance report, shown on the counting screen for managers: per counted item,
// counted, expected (the on-hand when it was first counted), variance and its value at cost;
// the totals; the items of the scope nobody counted, with the choice to leave them or count
// them as zero; and "Apply", sent with one Idempotency-Key for every retry of this report.

import { api } from "../common/api.js";
import { errorText, h, replace } from "../common/dom.js";
import { formatDateTime, formatMoney, t } from "../common/i18n.js";
import { qtyText, signedQty } from "./quantity.js";

function money(amount, currency) {
  return formatMoney({ amount, currency });
}

/** The counted items, one row each (a list, not a table: it fits a phone). */
function table(report) {
  const c = report.currency;
  return h("ul", { class: "count-lines count-report-lines", id: "count-report-table" }, report.lines.map((l) => {
    const tone = l.variance.startsWith("-") ? "short" : /^0(\.0*)?$/.test(l.variance) ? "" : "over";
    return h("li", { class: `count-line ${tone}`, dataset: { itemId: l.item_id, variance: l.variance, value: String(l.variance_value) } },
      h("div", { class: "count-line-main" },
        h("span", { class: "count-line-name" }, l.name),
        h("span", { class: "count-line-meta muted small" },
          `${l.sku} · ${t("counts.report_line", { counted: qtyText(l.counted), expected: qtyText(l.expected) })}`)),
      h("div", { class: "count-report-variance" },
        h("span", { class: "count-line-qty mono", "aria-label": t("counts.variance_col") }, signedQty(l.variance)),
        h("span", { class: "small muted", "aria-label": t("counts.value_col") }, money(l.variance_value, c))));
  }));
}

function totals(report) {
  const c = report.currency;
  const row = (label, value, id) => h("div", {}, h("dt", {}, label), h("dd", { id }, value));
  return h("dl", { class: "report-figures" },
    row(t("counts.value_short"), money(report.value_short, c), "count-value-short"),
    row(t("counts.value_over"), money(report.value_over, c), "count-value-over"),
    row(t("counts.value_net"), money(report.value_net, c), "count-value-net"));
}

function uncountedList(report) {
  if (report.uncounted.length === 0) return h("p", { class: "muted", id: "count-uncounted-none" }, t("counts.uncounted_none"));
  return h("ul", { class: "count-uncounted", id: "count-uncounted" }, report.uncounted.map((u) => h("li", { dataset: { itemId: u.item_id } },
    h("span", {}, u.name), " ",
    h("span", { class: "muted small" }, t("counts.uncounted_on_hand", { on_hand: qtyText(u.on_hand), value: money(u.value, report.currency) })))));
}

/**
 * Shows the report of the count in `box`; resolves with the applied report when the manager
 * applies it, or null when the report is closed.
 */
export async function showReport(box, { base, count }) {
  let report;
  try {
    report = await api("GET", `${base}/variance`);
  } catch (err) {
    replace(box, h("div", { class: "alert alert-error", role: "alert" }, errorText(err)));
    return null;
  }
  return new Promise((resolve) => {
    const key = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    const error = h("p", { class: "field-error", id: "count-apply-error", role: "alert" });
    const open = count.status === "open" || count.status === "counting";
    const choice = (value, label) => h("label", { class: "check" },
      h("input", { type: "radio", name: "count-uncounted", value, id: `count-uncounted-${value}`, checked: value === "leave" }),
      h("span", {}, label));
    const close = (value) => {
      box.replaceChildren();
      resolve(value);
    };
    const apply = h("button", {
      type: "button",
      class: "btn btn-primary",
      id: "count-apply",
      onclick: async () => {
        apply.disabled = true;
        error.textContent = "";
        const uncounted = box.querySelector("input[name=count-uncounted]:checked")?.value ?? "leave";
        try {
          const applied = await api("POST", `${base}/apply`, { uncounted }, { headers: { "Idempotency-Key": key } });
          close(applied);
        } catch (err) {
          error.textContent = errorText(err);
          apply.disabled = false;
        }
      },
    }, t("counts.apply"));
    replace(box, h("section", { class: "card count-card", id: "count-report-card" },
      h("div", { class: "card-body stack" },
        h("div", { class: "count-lines-head" },
          h("h2", {}, t("counts.report_title")),
          h("button", { type: "button", class: "btn btn-ghost btn-sm", id: "count-report-close", onclick: () => close(null) }, t("common.close"))),
        h("p", { class: "muted small", id: "count-report-summary" },
          t("counts.lines_summary", { short: report.lines_short, over: report.lines_over, exact: report.lines_exact }),
          report.applied_at ? [" · ", t("counts.applied_at", { when: formatDateTime(report.applied_at) })] : null),
        table(report),
        totals(report),
        open ? [h("h3", {}, t("counts.uncounted_title")), uncountedList(report)] : null,
        open && report.uncounted.length > 0
          ? h("div", { class: "stack-sm", role: "radiogroup" },
            choice("leave", t("counts.uncounted_leave")),
            choice("zero", t("counts.uncounted_zero")))
          : null,
        open ? h("div", { class: "count-apply-row" }, apply) : null,
        error)));
    box.scrollIntoView({ block: "start" });
  });
}
