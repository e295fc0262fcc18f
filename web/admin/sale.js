// One sale or return (#/sales/<id>): its receipt, its journal entries and its returns.

import { api } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { formatDateTime, formatMoney, t } from "../common/i18n.js";
import { pageHeader } from "./ui.js";

export function mount(container, ctx, route) {
  return mountSale(container, ctx, route.id);
}

/** A JSON value shown as indented text (the journal's canonical payload). */
function jsonBlock(value, id) {
  return h("pre", { class: "json-block", id }, JSON.stringify(value, null, 2));
}

function mountSale(container, ctx, id) {
  ctx.setTitle(t("sales.sale_title"));
  const body = h("div", { class: "page-body sale-detail", id: "sale-detail" }, h("p", { class: "muted" }, t("common.loading")));
  const title = h("h1", { id: "sale-title" }, t("sales.sale_title"));
  container.append(
    pageHeader({ title, crumb: h("a", { href: "#/sales", class: "crumb", id: "sale-back" }, icon("left"), t("sales.title")) }),
    body);
  (async () => {
    try {
      const [sale, journal, returns] = await Promise.all([
        api("GET", `/api/v1/sales/${encodeURIComponent(id)}`),
        api("GET", `/api/v1/sales/${encodeURIComponent(id)}/journal`),
        api("GET", `/api/v1/sales/${encodeURIComponent(id)}/returns`),
      ]);
      title.textContent = t(sale.kind === "return" ? "sales.return_of" : "sales.sale_of", { number: sale.receipt_number });
      ctx.setTitle(sale.receipt_number);
      const frame = h("iframe", { class: "receipt-frame", id: "sale-receipt", title: t("sales.receipt_title"),
        src: `/api/v1/sales/${encodeURIComponent(id)}/receipt?format=html` });
      replace(body,
        h("div", { class: "detail-grid" },
          h("section", { class: "card" },
            h("div", { class: "card-header" }, h("h2", {}, t("sales.receipt_title"))),
            h("div", { class: "card-body" }, frame)),
          h("div", { class: "stack" },
            h("section", { class: "card", id: "sale-returns" },
              h("div", { class: "card-header" }, h("h2", {}, t("sales.returns_title"))),
              h("div", { class: "card-body" },
                sale.original_sale_id
                  ? h("p", {}, h("a", { href: `#/sales/${sale.original_sale_id}`, id: "sale-original" }, t("sales.original")))
                  : null,
                returns.items.length
                  ? h("ul", { class: "plain-list" }, returns.items.map((r) => h("li", {},
                    h("a", { href: `#/sales/${r.id}`, class: "mono" }, r.receipt_number), " · ",
                    formatDateTime(r.completed_at), " · ", formatMoney(r.total))))
                  : h("p", { class: "muted" }, t("sales.no_returns")))),
            h("section", { class: "card", id: "sale-journal" },
              h("div", { class: "card-header" }, h("h2", {}, t("sales.journal_title"))),
              h("div", { class: "card-body stack" },
                journal.items.map((e) => h("div", { class: "journal-entry", dataset: { kind: e.kind } },
                  h("p", {}, h("strong", {}, t("sales.journal_entry", { seq: e.seq, kind: e.kind })), " · ", formatDateTime(e.occurred_at)),
                  h("p", { class: "mono small" }, t("sales.hash"), " ", e.hash),
                  h("p", { class: "mono small muted" }, t("sales.prev_hash"), " ", e.prev_hash),
                  jsonBlock(e.payload, `journal-${e.seq}`))))))));
    } catch (err) {
      replace(body, h("div", { class: "alert alert-error", role: "alert" }, icon("alert"), h("span", {}, errorText(err))));
    }
  })();
  return {};
}
