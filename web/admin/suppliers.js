// Suppliers (#/suppliers): who the shop buys from, with lead time and minimum order. The
// list filters by words and active state and sorts on the server (kept in the URL); "New
// supplier" opens the form page.

import { api, query } from "../common/api.js";
import { h, icon } from "../common/dom.js";
import { formatMoney, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { pageHeader } from "./ui.js";

export function mount(container, ctx, route) {
  ctx.setTitle(t("purchasing.suppliers"));
  const list = createList({
    id: "suppliers",
    ctx,
    route,
    caption: t("purchasing.suppliers"),
    defaultSort: "name",
    columns: [
      { key: "name", label: t("purchasing.name"), sort: "name", className: "cell-strong", render: (s) => s.name },
      { key: "code", label: t("purchasing.code"), sort: "code", className: "mono", render: (s) => s.code ?? "" },
      { key: "contact", label: t("purchasing.contact"), render: (s) => [s.contact, s.email, s.phone].filter(Boolean).join(" · ") },
      { key: "lead_time", label: t("purchasing.lead_time"), sort: "lead_time", className: "num", render: (s) => t("purchasing.days", { n: s.lead_time_days }) },
      { key: "min_order", label: t("purchasing.min_order"), className: "num", render: (s) => formatMoney({ amount: s.min_order, currency: s.currency }) },
      { key: "active", label: t("purchasing.state"), render: (s) => h("span", { class: `badge ${s.active ? "badge-success" : "badge-neutral"}` }, t(s.active ? "purchasing.active" : "purchasing.inactive")) },
    ],
    filters: [
      { name: "q", type: "search", id: "suppliers-q", label: t("purchasing.search") },
      { name: "active", type: "select", id: "suppliers-active", label: t("purchasing.state"), options: [
        { value: "", label: t("purchasing.all") },
        { value: "true", label: t("purchasing.active") },
        { value: "false", label: t("purchasing.inactive") },
      ] },
    ],
    empty: { icon: "box", text: t("purchasing.no_suppliers") },
    row: { href: (s) => `#/suppliers/${s.id}`, attrs: (s) => ({ dataset: { supplierId: s.id } }) },
    load: ({ filters, sort, page, perPage, signal }) => api("GET", `/api/v1/suppliers${query({ q: filters.q || undefined, active: filters.active || undefined, sort, page, per_page: perPage })}`, undefined, { signal }),
  });
  const actions = ctx.can("purchasing")
    ? [h("a", { class: "btn btn-primary", href: "#/suppliers/new", id: "supplier-new" }, icon("plus"), t("purchasing.new_supplier"))]
    : [];
  container.append(pageHeader({ title: t("purchasing.suppliers"), actions }), h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
