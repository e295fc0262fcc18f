// Sales history: #/sales lists completed sales and returns, newest first, a page at a time
// ("Show more" follows the API's cursor). The filters (from, to, register, receipt, kind,
// tender, min, max) are kept in the URL. One sale opens at #/sales/<id> (sale.js).

import { api, query } from "../common/api.js";
import { h } from "../common/dom.js";
import { formatDateTime, formatMoney, parseMoney, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { pageHeader } from "./ui.js";

export function mount(container, ctx, route) {
  ctx.setTitle(t("sales.title"));
  const amount = (text) => parseMoney(text, ctx.currency);
  const list = createList({
    id: "sales",
    ctx,
    route,
    caption: t("sales.title"),
    submit: t("sales.search"),
    paging: "more",
    columns: [
      {
        key: "receipt",
        label: t("sales.receipt"),
        render: (s) => [
          h("a", { href: `#/sales/${encodeURIComponent(s.id)}`, class: "mono" }, s.receipt_number),
          s.kind === "return" ? h("span", { class: "badge badge-neutral" }, t("sales.kind_return")) : null,
        ],
      },
      { key: "when", label: t("sales.when"), render: (s) => formatDateTime(s.completed_at) },
      { key: "register", label: t("sales.register"), render: (s) => s.register.code },
      { key: "cashier", label: t("sales.cashier"), render: (s) => s.cashier.name },
      { key: "total", label: t("sales.total"), className: "num", render: (s) => formatMoney(s.total) },
    ],
    filters: [
      { name: "from", type: "date", label: t("sales.from") },
      { name: "to", type: "date", label: t("sales.to") },
      {
        name: "register",
        type: "select",
        label: t("sales.register"),
        options: [{ value: "", label: t("sales.all_registers") }],
        more: async () => ((await api("GET", "/api/v1/registers"))?.items ?? [])
          .map((r) => ({ value: r.id, label: `${r.code} · ${r.name}` })),
      },
      { name: "receipt", type: "text", label: t("sales.receipt"), placeholder: "T1-000042", mono: true },
      {
        name: "kind",
        type: "select",
        label: t("sales.kind"),
        options: [
          { value: "", label: t("sales.kind_all") },
          { value: "sale", label: t("sales.kind_sale") },
          { value: "return", label: t("sales.kind_return") },
        ],
      },
      {
        name: "tender",
        type: "select",
        label: t("sales.tender_label"),
        options: [
          { value: "", label: t("sales.tender_all") },
          ...["cash", "card", "wallet", "store_credit"].map((k) => ({ value: k, label: t(`sales.tender.${k}`) })),
        ],
      },
      { name: "min", type: "text", label: t("sales.min"), inputmode: "decimal", narrow: true, parse: amount },
      { name: "max", type: "text", label: t("sales.max"), inputmode: "decimal", narrow: true, parse: amount },
    ],
    empty: { icon: "receipt", text: t("sales.none") },
    row: { attrs: (s) => ({ dataset: { saleId: s.id } }) },
    load: ({ filters, cursor, perPage, signal }) => api("GET", `/api/v1/sales${query({
      from: filters.from,
      to: filters.to,
      register_id: filters.register,
      receipt: filters.receipt,
      kind: filters.kind,
      tender: filters.tender,
      min_total: filters.min,
      max_total: filters.max,
      cursor,
      limit: perPage,
    })}`, undefined, { signal }),
  });
  container.append(
    pageHeader({ title: t("sales.title"), subtitle: h("span", { class: "crumb" }, t("sales.subtitle")) }),
    h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
