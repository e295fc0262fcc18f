// Restock suggestions (#/suggestions): per supplier, what to order and why — each line opens
// the numbers it used (average daily sales over the window without the days out of stock,
// safety stock, reorder point, order-up-to, on hand and on order, packs, minimum order).
// The chosen lines become draft purchase orders (one per supplier) in one action, sent with
// an Idempotency-Key so a retry makes no second set.

import { api, query } from "../common/api.js";
import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatMoney, t } from "../common/i18n.js";
import { pageHeader, textInput } from "./ui.js";

const EXPLAIN = ["window_days", "days_counted", "out_of_stock_days", "sold", "avg_daily", "std_daily", "lead_time_days", "safety_days", "service_level", "z", "sqrt_lead_time", "safety_stock", "reorder_point", "review_days", "order_up_to", "on_hand", "on_order", "position", "need", "pack_size", "rounded", "min_order_topup"];

export function mount(container, ctx, route) {
  ctx.setTitle(t("suggestions.title"));
  const windowInput = textInput("suggestions-window", { inputmode: "numeric", value: route.params.get("window_days") ?? "28", class: "input input-sm" });
  const body = h("div", { class: "page-body stack", id: "suggestions-body" });
  const make = h("button", { type: "button", class: "btn btn-primary", id: "suggestions-order", disabled: true, onclick: () => order() }, icon("file"), t("suggestions.make_orders"));
  const filter = h("form", { class: "toolbar", onsubmit: (e) => { e.preventDefault(); ctx.replaceHash(`#/suggestions${query({ window_days: windowInput.value })}`); load(); } },
    h("label", { for: "suggestions-window" }, t("suggestions.window")), windowInput,
    h("button", { type: "submit", class: "btn btn-secondary" }, t("suggestions.compute")));
  container.append(pageHeader({ title: t("suggestions.title"), subtitle: h("p", { class: "muted" }, t("suggestions.hint")), actions: [make] }), h("div", { class: "page-body stack" }, filter, settingsCard()), body);
  let view = null;
  let key = null;
  load();

  // The store's purchasing settings: the restock policy, and whether cashiers may receive.
  function settingsCard() {
    const box = h("details", { class: "card card-body", id: "purchasing-settings" }, h("summary", {}, t("suggestions.settings")));
    box.addEventListener("toggle", async () => {
      if (!box.open || box.querySelector("form")) return;
      try {
        const cur = await api("GET", "/api/v1/purchasing/settings");
        const safety = textInput("settings-safety", { inputmode: "numeric", value: String(cur.safety_days) });
        const review = textInput("settings-review", { inputmode: "numeric", value: String(cur.review_days) });
        const level = h("select", { id: "settings-level", class: "select" },
          [0, 800, 850, 900, 950, 975, 980, 990, 995].map((v) => h("option", { value: String(v), selected: (cur.service_level ?? 0) === v }, v ? `${v / 10} %` : t("suggestions.safety_in_days"))));
        const cashiers = h("input", { id: "settings-cashiers", type: "checkbox", checked: cur.cashiers_may_receive });
        const form = h("form", { class: "form-grid", onsubmit: async (e) => {
          e.preventDefault();
          try {
            await api("PATCH", "/api/v1/purchasing/settings", {
              safety_days: Number.parseInt(safety.value, 10), review_days: Number.parseInt(review.value, 10),
              service_level: Number.parseInt(level.value, 10), cashiers_may_receive: cashiers.checked,
            });
            toast(t("purchasing.saved"), { kind: "success" });
            load();
          } catch (err) {
            toast(errorText(err), { kind: "error" });
          }
        } },
        h("div", { class: "field" }, h("label", { for: "settings-safety" }, t("suggestions.explain.safety_days")), safety),
        h("div", { class: "field" }, h("label", { for: "settings-review" }, t("suggestions.explain.review_days")), review),
        h("div", { class: "field" }, h("label", { for: "settings-level" }, t("suggestions.explain.service_level")), level),
        h("label", { class: "check", for: "settings-cashiers" }, cashiers, h("span", {}, t("suggestions.cashiers_may_receive"))),
        h("div", {}, h("button", { type: "submit", class: "btn btn-secondary", id: "settings-save", disabled: !ctx.can("purchasing") }, t("purchasing.save"))));
        box.append(form);
      } catch (err) {
        box.append(h("p", { class: "field-error" }, errorText(err)));
      }
    });
    return box;
  }

  async function load() {
    replace(body, h("div", { class: "loading" }, t("common.loading")));
    try {
      view = await api("GET", `/api/v1/stock/suggestions${query({ window_days: windowInput.value })}`);
      key = null;
      draw();
    } catch (err) {
      replace(body, h("div", { class: "alert alert-error" }, errorText(err)));
    }
  }

  function chosen() {
    return [...body.querySelectorAll("input[data-pick]:checked")].map((c) => ({ item_id: c.dataset.pick }));
  }

  function draw() {
    make.disabled = view.groups.length === 0;
    if (!view.groups.length) {
      replace(body, h("div", { class: "empty-state", id: "suggestions-empty" }, icon("check"), h("p", {}, t("suggestions.none", { n: view.items_evaluated }))));
      return;
    }
    replace(body, ...view.groups.map((g) => h("section", { class: "card", dataset: { supplierId: g.supplier_id } },
      h("header", { class: "card-header" },
        h("h2", {}, g.supplier_name),
        h("p", { class: "muted" }, t("suggestions.group", { lead: g.lead_time_days, min: formatMoney({ amount: g.min_order, currency: g.currency }), total: formatMoney({ amount: g.total, currency: g.currency }) }))),
      h("div", { class: "table-wrap" }, h("table", { class: "table" },
        h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, t("purchasing.sku")), h("th", {}, t("purchasing.name")), h("th", { class: "num" }, t("suggestions.on_hand")), h("th", { class: "num" }, t("suggestions.avg_daily")), h("th", { class: "num" }, t("purchasing.quantity")), h("th", { class: "num" }, t("purchasing.total")))),
        h("tbody", {}, g.lines.flatMap((l) => {
          const why = h("tr", { hidden: true, class: "explain-row" }, h("td", { colspan: 7 }, h("dl", { class: "kv", dataset: { explain: l.item_id } },
            EXPLAIN.filter((k) => l.explain[k] !== null && l.explain[k] !== undefined).flatMap((k) => [h("dt", {}, t(`suggestions.explain.${k}`)), h("dd", { class: "mono" }, String(l.explain[k]))]))));
          return [h("tr", { dataset: { itemId: l.item_id } },
            h("td", {}, h("input", { type: "checkbox", checked: true, dataset: { pick: l.item_id }, "aria-label": l.name })),
            h("td", { class: "mono" }, l.sku),
            h("td", {}, l.name, " ", h("button", { type: "button", class: "btn btn-link btn-sm", dataset: { why: l.item_id }, onclick: () => { why.hidden = !why.hidden; } }, t("suggestions.why"))),
            h("td", { class: "num" }, l.explain.on_hand),
            h("td", { class: "num" }, l.explain.avg_daily),
            h("td", { class: "num cell-strong" }, l.quantity),
            h("td", { class: "num" }, formatMoney({ amount: l.value, currency: g.currency }))), why];
        })))))));
  }

  async function order() {
    const items = chosen();
    if (!items.length) return;
    key ??= [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
    make.disabled = true;
    try {
      const made = await api("POST", "/api/v1/stock/suggestions/purchase-orders", { window_days: Number.parseInt(windowInput.value, 10) || 28, items }, { headers: { "Idempotency-Key": key } });
      toast(t("suggestions.made", { n: made.purchase_orders.length }), { kind: "success" });
      if (made.purchase_orders.length === 1) ctx.navigate(`#/purchase-orders/${made.purchase_orders[0].id}`);
      else ctx.navigate("#/purchase-orders?status=draft");
    } catch (err) {
      toast(errorText(err), { kind: "error" });
      make.disabled = false;
    }
  }
  return {};
}
