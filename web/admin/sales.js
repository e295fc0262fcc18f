// Sales history: #/sales lists completed sales and returns (filters in the hash query:
// from, to, register, receipt, kind, tender, min, max), a page at a time; #/sales/<id> opens
// one with its receipt, its journal entries and its returns.

import { api, query } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { addMessages, formatDateTime, formatMoney, parseMoney, t } from "../common/i18n.js";
import { historyMessages } from "./history-messages.js";
import { pageHeader, selectInput, setAlert, textInput } from "./ui.js";

addMessages(historyMessages);

const FILTERS = ["from", "to", "register", "receipt", "kind", "tender", "min", "max"];

/** The registers for the filter, once per page. */
function registersSelect(selected) {
  const select = selectInput("sales-register", [{ value: "", label: t("sales.all_registers") }]);
  api("GET", "/api/v1/registers").then((body) => {
    for (const r of body?.items ?? []) select.append(h("option", { value: r.id }, `${r.code} · ${r.name}`));
    select.value = selected;
  }).catch(() => {});
  return select;
}

export function mount(container, ctx, route) {
  if (route.id) return mountSale(container, ctx, route.id);
  const p = route.params;
  ctx.setTitle(t("sales.title"));
  const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const inputs = {
    from: textInput("sales-from", { type: "date", value: p.get("from") ?? "" }),
    to: textInput("sales-to", { type: "date", value: p.get("to") ?? "" }),
    register: registersSelect(p.get("register") ?? ""),
    receipt: textInput("sales-receipt", { value: p.get("receipt") ?? "", placeholder: "T1-000042", class: "input mono" }),
    kind: selectInput("sales-kind", [
      { value: "", label: t("sales.kind_all") },
      { value: "sale", label: t("sales.kind_sale") },
      { value: "return", label: t("sales.kind_return") },
    ]),
    tender: selectInput("sales-tender", [
      { value: "", label: t("sales.tender_all") },
      ...["cash", "card", "wallet", "store_credit"].map((k) => ({ value: k, label: t(`sales.tender.${k}`) })),
    ]),
    min: textInput("sales-min", { value: p.get("min") ?? "", inputmode: "decimal" }),
    max: textInput("sales-max", { value: p.get("max") ?? "", inputmode: "decimal" }),
  };
  inputs.kind.value = p.get("kind") ?? "";
  inputs.tender.value = p.get("tender") ?? "";
  const tbody = h("tbody", {});
  const more = h("button", { type: "button", class: "btn btn-secondary", id: "sales-more", hidden: true }, t("sales.more"));
  let cursor = null;

  const label = (id, key) => h("label", { for: id }, t(key));
  const form = h("form", { class: "card-body toolbar toolbar-wrap", id: "sales-filters", role: "search" },
    h("div", { class: "field" }, label("sales-from", "sales.from"), inputs.from),
    h("div", { class: "field" }, label("sales-to", "sales.to"), inputs.to),
    h("div", { class: "field" }, label("sales-register", "sales.register"), inputs.register),
    h("div", { class: "field" }, label("sales-receipt", "sales.receipt"), inputs.receipt),
    h("div", { class: "field" }, label("sales-kind", "sales.kind"), inputs.kind),
    h("div", { class: "field" }, label("sales-tender", "sales.tender_label"), inputs.tender),
    h("div", { class: "field field-narrow" }, label("sales-min", "sales.min"), inputs.min),
    h("div", { class: "field field-narrow" }, label("sales-max", "sales.max"), inputs.max),
    h("div", { class: "field" }, h("span", { class: "label-spacer" }, "\u00a0"),
      h("button", { type: "submit", class: "btn btn-primary", id: "sales-search" }, icon("search"), t("sales.search"))));

  container.append(
    pageHeader({ title: t("sales.title"), subtitle: h("span", { class: "crumb" }, t("sales.subtitle")) }),
    h("div", { class: "page-body" },
      alertBox,
      h("section", { class: "card card-flush" },
        form,
        h("div", { class: "table-wrap" },
          h("table", { class: "table", id: "sales-table" },
            h("thead", {}, h("tr", {},
              h("th", { scope: "col" }, t("sales.receipt")),
              h("th", { scope: "col" }, t("sales.when")),
              h("th", { scope: "col" }, t("sales.register")),
              h("th", { scope: "col" }, t("sales.cashier")),
              h("th", { scope: "col", class: "num" }, t("sales.total")))),
            tbody)),
        h("div", { class: "card-body pager" }, more))));

  /** The API query from the inputs; amounts typed in the locale's format. */
  function apiParams() {
    const v = (k) => inputs[k].value.trim();
    const minor = (k) => (v(k) ? parseMoney(v(k), ctx.currency) : undefined);
    return {
      from: v("from") || undefined,
      to: v("to") || undefined,
      register_id: v("register") || undefined,
      receipt: v("receipt") || undefined,
      kind: v("kind") || undefined,
      tender: v("tender") || undefined,
      min_total: minor("min"),
      max_total: minor("max"),
    };
  }

  async function load(append) {
    setAlert(alertBox);
    let params;
    try {
      params = apiParams();
    } catch (err) {
      setAlert(alertBox, err.localizedMessage ?? errorText(err));
      return;
    }
    try {
      const body = await api("GET", `/api/v1/sales${query({ ...params, cursor: append ? cursor : undefined, limit: 50 })}`);
      const rows = (body?.items ?? []).map((s) => h("tr", { dataset: { saleId: s.id } },
        h("td", {}, h("a", { href: `#/sales/${s.id}`, class: "mono" }, s.receipt_number),
          s.kind === "return" ? h("span", { class: "badge badge-neutral" }, t("sales.kind_return")) : null),
        h("td", {}, formatDateTime(s.completed_at)),
        h("td", {}, s.register.code),
        h("td", {}, s.cashier.name),
        h("td", { class: "num" }, formatMoney(s.total))));
      if (append) tbody.append(...rows);
      else replace(tbody, rows.length ? rows : h("tr", {}, h("td", { colspan: 5, class: "muted", id: "sales-none" }, t("sales.none"))));
      cursor = body?.next_cursor ?? null;
      more.hidden = !cursor;
    } catch (err) {
      setAlert(alertBox, errorText(err));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const k of FILTERS) if (inputs[k].value.trim()) q.set(k, inputs[k].value.trim());
    ctx.replaceHash(`#/sales${q.size ? `?${q}` : ""}`);
    load(false);
  });
  more.addEventListener("click", () => load(true));
  load(false);
  return {};
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
