// Closures (Z history): #/closures lists the store's Z, day, month and year closures,
// newest first, filtered by register and kind; a row opens its report.

import { api, query } from "../common/api.js";
import { errorText, h, openDialog, replace } from "../common/dom.js";
import { addMessages, formatDateTime, formatMoney, t } from "../common/i18n.js";
import { historyMessages } from "./history-messages.js";
import { pageHeader, selectInput, setAlert } from "./ui.js";

addMessages(historyMessages);

function figures(report) {
  const row = (key, value, id) => h("div", {}, h("dt", {}, t(key)), h("dd", { id }, value));
  return h("dl", { class: "report-figures" },
    row("closures.sales_count", String(report.sales_count), "closure-sales-count"),
    row("closures.returns_count", String(report.returns_count)),
    row("closures.gross", formatMoney(report.gross_sales)),
    row("closures.discounts", formatMoney(report.discounts)),
    row("closures.returns", formatMoney(report.returns_total)),
    row("closures.net", formatMoney(report.net_total), "closure-net"),
    row("closures.tax", formatMoney(report.tax_total)),
    row("closures.perpetual", formatMoney(report.perpetual_total)),
    ...(report.tenders ?? []).map((x) => row(`sales.tender.${x.kind}`, formatMoney(x.amount))));
}

/** A Z's period is its drawer session: shown by its business dates instead of the session id. */
function periodText(c) {
  if (c.kind !== "z") return c.period;
  const first = c.report?.first_date ?? "";
  const last = c.report?.last_date ?? first;
  return first === last ? first : `${first} – ${last}`;
}

function showClosure(c, registerName) {
  return openDialog({
    title: t("closures.one", { kind: t(`closures.kind.${c.kind}`), number: c.number, register: registerName }),
    id: "closure-dialog",
    wide: true,
    body: h("div", { class: "stack" },
      h("p", { class: "muted" }, t("closures.made", { when: formatDateTime(c.created_at), period: periodText(c) })),
      figures(c.report),
      h("p", { class: "mono small muted" }, t("closures.sha", { sha: c.report_sha256 }))),
    actions: (close) => [h("button", { type: "button", class: "btn btn-primary", onclick: () => close() }, t("common.close"))],
  });
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("closures.title"));
  const p = route.params;
  const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const registers = new Map();
  const registerSelect = selectInput("closures-register", [{ value: "", label: t("sales.all_registers") }]);
  const kindSelect = selectInput("closures-kind", [
    { value: "", label: t("closures.kind_all") },
    ...["z", "day", "month", "year"].map((k) => ({ value: k, label: t(`closures.kind.${k}`) })),
  ]);
  kindSelect.value = p.get("kind") ?? "";
  const tbody = h("tbody", {});
  container.append(
    pageHeader({ title: t("closures.title"), subtitle: h("span", { class: "crumb" }, t("closures.subtitle")) }),
    h("div", { class: "page-body" },
      alertBox,
      h("section", { class: "card card-flush" },
        h("div", { class: "card-body toolbar" },
          h("div", { class: "field" }, h("label", { for: "closures-register" }, t("sales.register")), registerSelect),
          h("div", { class: "field" }, h("label", { for: "closures-kind" }, t("closures.kind_label")), kindSelect)),
        h("div", { class: "table-wrap" },
          h("table", { class: "table", id: "closures-table" },
            h("thead", {}, h("tr", {},
              h("th", { scope: "col" }, t("closures.kind_label")),
              h("th", { scope: "col" }, t("sales.register")),
              h("th", { scope: "col" }, t("closures.period")),
              h("th", { scope: "col" }, t("sales.when")),
              h("th", { scope: "col", class: "num" }, t("closures.net")),
              h("th", { scope: "col", class: "num" }, t("closures.perpetual")))),
            tbody)))));

  async function load() {
    setAlert(alertBox);
    try {
      const body = await api("GET", `/api/v1/closures${query({ register: registerSelect.value, kind: kindSelect.value })}`);
      const rows = (body?.items ?? []).map((c) => {
        const reg = registers.get(c.register_id);
        const name = reg ? `${reg.code} · ${reg.name}` : c.report?.register ?? "";
        return h("tr", { dataset: { closureId: c.id } },
          h("td", {}, h("button", { type: "button", class: "btn btn-link", onclick: () => showClosure(c, name) },
            `${t(`closures.kind.${c.kind}`)} ${c.number}`)),
          h("td", {}, name),
          h("td", { class: "mono" }, periodText(c)),
          h("td", {}, formatDateTime(c.created_at)),
          h("td", { class: "num" }, formatMoney(c.report?.net_total ?? c.period_total)),
          h("td", { class: "num" }, formatMoney(c.perpetual_total)));
      });
      replace(tbody, rows.length ? rows : h("tr", {}, h("td", { colspan: 6, class: "muted", id: "closures-none" }, t("closures.none"))));
    } catch (err) {
      setAlert(alertBox, errorText(err));
    }
  }

  registerSelect.addEventListener("change", load);
  kindSelect.addEventListener("change", () => {
    ctx.replaceHash(`#/closures${kindSelect.value ? `?kind=${kindSelect.value}` : ""}`);
    load();
  });
  api("GET", "/api/v1/registers").then((body) => {
    for (const r of body?.items ?? []) {
      registers.set(r.id, r);
      registerSelect.append(h("option", { value: r.id }, `${r.code} · ${r.name}`));
    }
  }).catch(() => {}).finally(load);
  return {};
}
