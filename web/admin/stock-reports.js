// Inventory reports: #/stock/reports?report=valuation|dead-stock|cover|sell-through|shrinkage.
// Each is a list with its own filters (kept in the URL), a summary, and its CSV export (the
// same report at `<path>.csv` with the same filters). The figures are the server's integer
// arithmetic; this page only formats them.

import { api, query } from "../common/api.js";
import { h, icon, replace } from "../common/dom.js";
import { formatDate, formatDateTime, formatMoney, formatNumber, t, tn } from "../common/i18n.js";
import { createList } from "./list.js";
import { formatQty, itemName, locationLabel, locations } from "./stock-ui.js";
import { pageHeader } from "./ui.js";

const REPORTS = ["valuation", "dead-stock", "cover", "sell-through", "shrinkage"];

const skuColumn = () => ({ key: "sku", label: t("stock.sku"), className: "mono nowrap", render: (r) => r.sku });
const itemColumn = () => ({
  key: "item",
  label: t("stock.item"),
  className: "cell-strong col-name",
  render: (r) => h("a", { href: `#/stock/items/${encodeURIComponent(r.item_id)}` }, itemName(r)),
});
const qtyColumn = (key, label) => ({ key, label, className: "num", render: (r) => formatQty(r[key], r.unit) });
const moneyColumn = (key, label) => ({ key, label, className: "num", render: (r) => (r[key] ? formatMoney(r[key]) : "—") });
const wholeNumber = (text) => {
  if (!/^\d{1,4}$/.test(text)) {
    const err = new Error("bad number");
    err.localizedMessage = t("reports.bad_days");
    throw err;
  }
  return text;
};
const periodFilters = () => [
  { name: "from", type: "date", label: t("reports.from") },
  { name: "to", type: "date", label: t("reports.to") },
];

/** What each report shows: its columns, filters, API query and summary. */
function spec(name) {
  switch (name) {
    case "valuation":
      return {
        columns: [skuColumn(), itemColumn(), qtyColumn("on_hand", t("stock.on_hand")),
          moneyColumn("unit_cost", t("stock.unit_cost")), moneyColumn("value", t("reports.value"))],
        filters: [{
          name: "location",
          type: "select",
          id: "report-location",
          label: t("stock.location"),
          options: [{ value: "", label: t("stock.all_locations") }],
          more: async () => (await locations()).map((l) => ({ value: l.id, label: locationLabel(l) })),
        }],
        params: (f) => ({ location_id: f.location }),
        summary: (b) => [
          stat(t("reports.total_value"), formatMoney(b.total_value), "report-total"),
          ...b.locations.map((l) => stat(`${l.name} (${l.code})`, formatMoney(l.value), `report-location-${l.code}`,
            tn("reports.items_count", l.items))),
          b.missing_cost ? stat(t("reports.missing_cost"), formatNumber(b.missing_cost), "report-missing") : null,
        ],
      };
    case "dead-stock":
      return {
        columns: [skuColumn(), itemColumn(), qtyColumn("on_hand", t("stock.on_hand")),
          { key: "last_sale", label: t("reports.last_sale"), render: (r) => (r.last_sale_at ? formatDateTime(r.last_sale_at) : t("reports.never_sold")) },
          moneyColumn("value", t("reports.value"))],
        filters: [{ name: "days", type: "text", label: t("reports.days"), inputmode: "numeric", narrow: true, placeholder: "90", parse: wholeNumber }],
        params: (f) => ({ days: f.days }),
        summary: (b) => [
          stat(t("reports.dead_items"), formatNumber(b.total), "report-total-lines"),
          stat(t("reports.total_value"), formatMoney(b.total_value), "report-total"),
        ],
      };
    case "cover":
      return {
        columns: [skuColumn(), itemColumn(), qtyColumn("on_hand", t("stock.on_hand")), qtyColumn("sold", t("reports.sold")),
          qtyColumn("average_daily_sales", t("reports.average_daily")),
          { key: "cover", label: t("reports.days_of_cover"), className: "num", render: (r) => (r.days_of_cover === null ? "∞" : formatQty(r.days_of_cover)) }],
        filters: [{ name: "window", type: "text", label: t("reports.window_days"), inputmode: "numeric", narrow: true, placeholder: "28", parse: wholeNumber }],
        params: (f) => ({ window_days: f.window }),
        summary: (b) => [stat(t("reports.window_days"), formatNumber(b.window_days), "report-window")],
      };
    case "sell-through":
      return {
        columns: [skuColumn(), itemColumn(), qtyColumn("on_hand_at_start", t("reports.at_start")),
          qtyColumn("received", t("reports.received")), qtyColumn("sold", t("reports.sold")),
          { key: "rate", label: t("reports.sell_through"), className: "num", render: (r) => (r.sell_through === null ? "—" : `${formatQty(r.sell_through)} %`) }],
        filters: periodFilters(),
        params: (f) => ({ from: f.from, to: f.to }),
        summary: (b) => [stat(t("reports.period"), `${formatDate(b.from)} – ${formatDate(b.to)}`, "report-period")],
      };
    default:
      return {
        columns: [
          { key: "reason", label: t("reports.reason"), className: "cell-strong", render: (r) => t(`stock.reason.${r.reason}`) },
          { key: "movements", label: t("reports.movements"), className: "num", render: (r) => formatNumber(r.movements) },
          { key: "items", label: t("reports.items"), className: "num", render: (r) => formatNumber(r.items) },
          qtyColumn("quantity", t("stock.quantity")),
          moneyColumn("value", t("reports.value")),
        ],
        filters: periodFilters(),
        params: (f) => ({ from: f.from, to: f.to }),
        rows: (b) => b.reasons,
        summary: (b) => [
          stat(t("reports.period"), `${formatDate(b.from)} – ${formatDate(b.to)}`, "report-period"),
          stat(t("reports.net_value"), formatMoney(b.total_value), "report-total"),
        ],
      };
  }
}

function stat(label, value, id, sub) {
  return h("div", { class: "stat" },
    h("span", { class: "stat-label" }, label),
    h("span", { class: "stat-value", id }, value),
    sub ? h("span", { class: "cell-sub" }, sub) : null);
}

export function mount(container, ctx, route) {
  const wanted = route.params.get("report");
  const name = REPORTS.includes(wanted) ? wanted : "valuation";
  ctx.setTitle(`${t(`reports.${name}`)} · ${t("reports.title")}`);
  const s = spec(name);
  const summary = h("div", { class: "stat-grid", id: "report-summary" });
  const exportLink = h("a", { class: "btn btn-secondary", id: "report-export", download: `${name}.csv` }, icon("download"), t("stock.export_csv"));
  const path = `/api/v1/stock/reports/${name}`;
  const apiParams = (filters) => s.params(filters);

  // The list keeps its filters in the URL under this page's path; the report's name stays.
  const listCtx = { ...ctx, replaceHash: (hash) => ctx.replaceHash(withReport(hash, name)) };
  const list = createList({
    id: "report",
    ctx: listCtx,
    route: { ...route, params: withoutReport(route.params) },
    caption: t(`reports.${name}`),
    columns: s.columns,
    filters: s.filters,
    paging: name === "shrinkage" ? "none" : "pages",
    perPage: 100,
    empty: { icon: "chart", text: t("reports.empty") },
    row: { attrs: (r) => ({ dataset: { itemId: r.item_id ?? null, reason: r.reason ?? null } }) },
    load: async ({ filters, page, perPage, signal }) => {
      const paged = name === "shrinkage" ? {} : { limit: perPage, offset: (page - 1) * perPage };
      const body = await api("GET", `${path}${query({ ...apiParams(filters), ...paged })}`, undefined, { signal });
      exportLink.href = `${path}.csv${query(apiParams(filters))}`;
      replace(summary, s.summary(body));
      return { items: s.rows ? s.rows(body) : body.items, total: body.total ?? s.rows?.(body).length };
    },
  });
  container.append(
    pageHeader({
      title: t("reports.title"),
      subtitle: h("span", { class: "crumb" }, t(`reports.${name}_about`)),
      actions: [exportLink],
    }),
    h("div", { class: "page-body stack" },
      h("nav", { class: "report-tabs", "aria-label": t("reports.title") },
        REPORTS.map((r) => h("a", {
          href: `#/stock/reports?report=${r}`,
          class: "btn btn-secondary",
          id: `report-tab-${r}`,
          "aria-current": r === name ? "page" : null,
        }, t(`reports.${r}`)))),
      summary,
      list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}

function withoutReport(params) {
  const copy = new URLSearchParams(params);
  copy.delete("report");
  return copy;
}

function withReport(hash, name) {
  const [path, search = ""] = hash.split("?");
  const params = new URLSearchParams(search);
  params.set("report", name);
  return `${path}?${params}`;
}
