// One item's stock: #/stock/items/<item id> shows its store total, every location, its reorder
// point and order-up-to level (a manager edits them), and its movements, newest first, a page
// at a time (and as CSV). The figures follow the live stock feed.

import { api, query } from "../common/api.js";
import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatDateTime, formatMoney, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { onStockLevel } from "./stock-feed.js";
import { formatQty, isNegative, itemName, levelBadges, locations, movementKind, parseQty, qtyInputText } from "./stock-ui.js";
import { clearFieldErrors, field, pageHeader, setAlert, showApiFieldErrors, textInput } from "./ui.js";

export function mount(container, ctx, route) {
  const itemId = route.id;
  const base = `/api/v1/stock/${encodeURIComponent(itemId)}`;
  let item = null;
  let locationNames = new Map();

  const title = h("h1", { id: "stock-item-title" }, t("stock.item_title"));
  const badge = h("span", { id: "stock-item-badges" });
  const summary = h("div", { class: "stat-grid", id: "stock-item-summary" });
  const levelsBody = h("tbody", {});
  const failed = h("div", { class: "alert alert-error", role: "alert", hidden: true, id: "stock-item-failed" });

  // -------------------------------------------------------------- reorder settings
  const reorderInput = textInput("reorder-point", { inputmode: "decimal" });
  const upToInput = textInput("order-up-to", { inputmode: "decimal" });
  const reorderAlert = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const reorderForm = h("form", { class: "card-body stack", id: "reorder-form", novalidate: true },
    h("div", { class: "form-grid" },
      field({ name: "reorder_point", id: "reorder-point", label: t("stock.reorder_point"), control: reorderInput, hint: t("stock.reorder_hint") }),
      field({ name: "order_up_to", id: "order-up-to", label: t("stock.order_up_to"), control: upToInput, hint: t("stock.order_up_to_hint") })),
    reorderAlert,
    h("div", {}, h("button", { type: "submit", class: "btn btn-primary", id: "reorder-save" }, icon("check"), t("stock.save"))));
  reorderForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(reorderForm);
    setAlert(reorderAlert);
    let body;
    try {
      body = {
        reorder_point: reorderInput.value.trim() ? parseQty(reorderInput.value, { allowNegative: false }) : null,
        order_up_to: upToInput.value.trim() ? parseQty(upToInput.value, { allowNegative: false }) : null,
      };
    } catch (err) {
      setAlert(reorderAlert, err.localizedMessage ?? errorText(err));
      return;
    }
    try {
      show(await api("PUT", `${base}/reorder`, body));
      toast(t("stock.saved"), { kind: "success" });
    } catch (err) {
      const rest = showApiFieldErrors(reorderForm, err);
      if (rest.length) setAlert(reorderAlert, rest.join(" "));
    }
  });

  // -------------------------------------------------------------- movements
  const movements = createList({
    id: "movements",
    ctx,
    route,
    caption: t("stock.movements_title"),
    paging: "more",
    columns: [
      { key: "when", label: t("stock.when"), render: (m) => formatDateTime(m.occurred_at) },
      { key: "location", label: t("stock.location"), render: (m) => locationNames.get(m.location_id) ?? "" },
      { key: "kind", label: t("stock.movement"), render: movementKind },
      {
        key: "quantity",
        label: t("stock.quantity"),
        className: "num",
        render: (m) => h("span", { class: isNegative(m.quantity) ? "qty-negative" : null }, formatQty(m.quantity, item?.unit)),
      },
      { key: "cost", label: t("stock.unit_cost"), className: "num", render: (m) => (m.unit_cost ? formatMoney(m.unit_cost) : "") },
      {
        key: "document",
        label: t("stock.document"),
        className: "mono",
        render: (m) => (m.document_id ? String(m.document_id).slice(0, 8) : ""),
      },
    ],
    empty: { icon: "list", text: t("stock.movements_none") },
    row: { attrs: (m) => ({ dataset: { movementId: m.id, kind: m.kind } }) },
    load: async ({ cursor, perPage, signal }) => {
      const body = await api("GET", `${base}/movements${query({ cursor, limit: perPage })}`, undefined, { signal });
      return { items: body.movements, next_cursor: body.next_cursor };
    },
  });

  function stat(label, value, id) {
    return h("div", { class: "stat" }, h("span", { class: "stat-label" }, label), h("span", { class: "stat-value", id }, value));
  }

  function show(view) {
    item = view;
    ctx.setTitle(itemName(view));
    title.textContent = itemName(view);
    replace(badge, levelBadges(view));
    replace(summary,
      stat(t("stock.on_hand_total"), formatQty(view.on_hand, view.unit), "stock-item-on-hand"),
      stat(t("stock.reorder_point"), formatQty(view.reorder_point, view.unit) || "—", "stock-item-reorder"),
      stat(t("stock.order_up_to"), formatQty(view.order_up_to, view.unit) || "—", "stock-item-up-to"));
    replace(levelsBody, view.locations.map((l) => h("tr", { dataset: { locationId: l.location_id } },
      h("td", { dataset: { label: t("stock.location") } }, `${l.name} (${l.code})`),
      h("td", { class: "num", dataset: { label: t("stock.on_hand") } },
        h("span", { class: isNegative(l.on_hand) ? "qty-negative" : null }, formatQty(l.on_hand, view.unit))),
      h("td", { dataset: { label: t("stock.updated") } }, l.updated_at ? formatDateTime(l.updated_at) : "—"))));
    locationNames = new Map(view.locations.map((l) => [l.location_id, l.code]));
    if (document.activeElement !== reorderInput) reorderInput.value = view.reorder_point ? qtyInputText(view.reorder_point) : "";
    if (document.activeElement !== upToInput) upToInput.value = view.order_up_to ? qtyInputText(view.order_up_to) : "";
  }

  async function load() {
    try {
      show(await api("GET", base));
      setAlert(failed);
    } catch (err) {
      setAlert(failed, errorText(err));
    }
  }

  let timer = null;
  const unsubscribe = onStockLevel((level) => {
    if (level && level.item_id !== itemId) return;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      load();
      movements.reload();
    }, 150);
  });

  container.append(
    pageHeader({
      title,
      badge,
      crumb: h("a", { href: "#/stock", class: "crumb" }, icon("left"), t("stock.levels_title")),
      actions: [
        h("a", { href: `${base}/movements.csv`, class: "btn btn-secondary", id: "movements-export", download: "movements.csv" },
          icon("download"), t("stock.export_csv")),
        ctx.can("stock_manage")
          ? h("a", { href: `#/stock/adjust?item=${encodeURIComponent(itemId)}`, class: "btn btn-primary", id: "stock-item-adjust" },
            icon("plus"), t("stock.adjust_title"))
          : null,
      ],
    }),
    h("div", { class: "page-body stack" },
      failed,
      summary,
      h("section", { class: "card card-flush" },
        h("div", { class: "card-header" }, h("h2", {}, t("stock.per_location"))),
        h("div", { class: "table-wrap" },
          h("table", { class: "table data-list", id: "stock-item-levels" },
            h("thead", {}, h("tr", {},
              h("th", { scope: "col" }, t("stock.location")),
              h("th", { scope: "col", class: "num" }, t("stock.on_hand")),
              h("th", { scope: "col" }, t("stock.updated")))),
            levelsBody))),
      ctx.can("stock_manage")
        ? h("section", { class: "card" },
          h("div", { class: "card-header" }, h("h2", {}, t("stock.reorder_title"))),
          reorderForm)
        : null,
      h("section", { class: "stack" }, h("h2", {}, t("stock.movements_title")), movements.element)),
  );
  locations().catch(() => []);
  load();
  movements.reload();
  return {
    unmount() {
      clearTimeout(timer);
      unsubscribe();
      movements.unmount();
    },
  };
}
