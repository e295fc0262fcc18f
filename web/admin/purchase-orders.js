// Purchase orders (#/purchase-orders): filtered by status and supplier, sorted and paged on
// the server (kept in the URL). "New order" asks for the supplier and opens the draft.

import { api, query } from "../common/api.js";
import { errorText, h, icon, openDialog } from "../common/dom.js";
import { formatDateTime, formatMoney, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { pageHeader, selectInput } from "./ui.js";

export const STATUSES = ["draft", "sent", "partially_received", "received", "closed", "cancelled"];

export function statusBadge(status) {
  const kind = { draft: "badge-neutral", sent: "badge-info", partially_received: "badge-warning", received: "badge-success", closed: "badge-plain", cancelled: "badge-danger" }[status] ?? "badge-neutral";
  return h("span", { class: `badge ${kind}`, dataset: { status } }, t(`purchasing.status.${status}`));
}

async function supplierOptions() {
  const page = await api("GET", "/api/v1/suppliers?active=true&per_page=200");
  return page.items.map((s) => ({ value: s.id, label: s.name }));
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("purchasing.orders"));
  const list = createList({
    id: "purchase-orders",
    ctx,
    route,
    caption: t("purchasing.orders"),
    defaultSort: "-created",
    columns: [
      { key: "number", label: t("purchasing.number"), sort: "number", className: "mono cell-strong", render: (o) => o.number },
      { key: "supplier", label: t("purchasing.supplier"), sort: "supplier", render: (o) => o.supplier_name },
      { key: "status", label: t("purchasing.state"), sort: "status", render: (o) => statusBadge(o.status) },
      { key: "lines", label: t("purchasing.lines"), className: "num", render: (o) => String(o.line_count) },
      { key: "total", label: t("purchasing.total"), sort: "total", className: "num", render: (o) => formatMoney({ amount: o.total, currency: o.currency }) },
      { key: "created", label: t("purchasing.created"), sort: "created", render: (o) => formatDateTime(o.created_at) },
    ],
    filters: [
      { name: "status", type: "select", id: "po-status", label: t("purchasing.state"), options: [{ value: "", label: t("purchasing.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`purchasing.status.${s}`) }))] },
      { name: "supplier_id", type: "select", id: "po-supplier", label: t("purchasing.supplier"), options: [{ value: "", label: t("purchasing.all") }], more: supplierOptions },
    ],
    empty: { icon: "file", text: t("purchasing.no_orders") },
    row: { href: (o) => `#/purchase-orders/${o.id}`, attrs: (o) => ({ dataset: { poId: o.id } }) },
    load: ({ filters, sort, page, perPage, signal }) => api("GET", `/api/v1/purchase-orders${query({ status: filters.status || undefined, supplier_id: filters.supplier_id || undefined, sort, page, per_page: perPage })}`, undefined, { signal }),
  });
  const create = h("button", { type: "button", class: "btn btn-primary", id: "po-new", onclick: () => newOrder(ctx) }, icon("plus"), t("purchasing.new_order"));
  container.append(pageHeader({ title: t("purchasing.orders"), actions: [create] }), h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}

async function newOrder(ctx) {
  const options = await supplierOptions().catch(() => []);
  const select = selectInput("po-new-supplier", options);
  const error = h("p", { class: "field-error", id: "po-new-error" });
  await openDialog({
    title: t("purchasing.new_order"),
    id: "po-new-dialog",
    body: h("div", { class: "stack" }, h("label", { for: "po-new-supplier" }, t("purchasing.supplier")), select, error),
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close() }, t("common.cancel")),
      h("button", { type: "button", class: "btn btn-primary", id: "po-new-create", onclick: async () => {
        try {
          const po = await api("POST", "/api/v1/purchase-orders", { supplier_id: select.value, lines: [] });
          close();
          ctx.navigate(`#/purchase-orders/${po.id}`);
        } catch (err) {
          error.textContent = errorText(err);
        }
      } }, icon("check"), t("purchasing.create")),
    ],
  });
}
