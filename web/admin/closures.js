// Closures (Z history): #/closures lists the store's Z, day, month and year closures,
// newest first (or by net total), filtered by register and kind, a page at a time, all kept
// in the URL; a row opens its report.

import { api, query } from "../common/api.js";
import { h, openDialog } from "../common/dom.js";
import { formatDateTime, formatMoney, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { pageHeader } from "./ui.js";

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
  // The registers by id, for the names; the list waits for them.
  const registers = api("GET", "/api/v1/registers")
    .then((body) => new Map((body?.items ?? []).map((r) => [r.id, r])))
    .catch(() => new Map());
  const nameOf = (byId, c) => {
    const reg = byId.get(c.register_id);
    return reg ? `${reg.code} · ${reg.name}` : c.report?.register ?? "";
  };
  let byId = new Map();
  const list = createList({
    id: "closures",
    ctx,
    route,
    caption: t("closures.title"),
    defaultSort: "-created",
    columns: [
      {
        key: "kind",
        label: t("closures.kind_label"),
        render: (c) => h("button", { type: "button", class: "btn btn-link", onclick: () => showClosure(c, nameOf(byId, c)) },
          `${t(`closures.kind.${c.kind}`)} ${c.number}`),
      },
      { key: "register", label: t("sales.register"), render: (c) => nameOf(byId, c) },
      { key: "period", label: t("closures.period"), className: "mono", render: periodText },
      { key: "created", label: t("sales.when"), sort: "created", render: (c) => formatDateTime(c.created_at) },
      { key: "net", label: t("closures.net"), sort: "net", className: "num", render: (c) => formatMoney(c.report?.net_total ?? c.period_total) },
      { key: "perpetual", label: t("closures.perpetual"), className: "num", render: (c) => formatMoney(c.perpetual_total) },
    ],
    filters: [
      {
        name: "register",
        type: "select",
        label: t("sales.register"),
        options: [{ value: "", label: t("sales.all_registers") }],
        more: async () => [...(await registers).values()].map((r) => ({ value: r.id, label: `${r.code} · ${r.name}` })),
      },
      {
        name: "kind",
        type: "select",
        label: t("closures.kind_label"),
        options: [
          { value: "", label: t("closures.kind_all") },
          ...["z", "day", "month", "year"].map((k) => ({ value: k, label: t(`closures.kind.${k}`) })),
        ],
      },
    ],
    empty: { icon: "chart", text: t("closures.none") },
    row: { attrs: (c) => ({ dataset: { closureId: c.id } }) },
    async load({ filters, sort, page, perPage, signal }) {
      byId = await registers;
      return api("GET", `/api/v1/closures${query({
        register: filters.register, kind: filters.kind, sort, page, per_page: perPage,
      })}`, undefined, { signal });
    },
  });
  container.append(
    pageHeader({ title: t("closures.title"), subtitle: h("span", { class: "crumb" }, t("closures.subtitle")) }),
    h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
