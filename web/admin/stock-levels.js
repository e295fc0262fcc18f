// Stock levels: #/stock lists the store's totals per item, or one location's levels
// (`location`), with a search, a category, and "below the reorder point" / "below zero"
// filters, sorting and paging kept in the URL. The page follows the live stock feed: a level
// that changes anywhere reloads the page shown (at most about four times a second) and
// flashes the rows that changed.

import { api, query } from "../common/api.js";
import { h, icon } from "../common/dom.js";
import { formatTimeOrDateTime, t, tn } from "../common/i18n.js";
import { createList } from "./list.js";
import { onStockLevel } from "./stock-feed.js";
import { categoryLabel, formatQty, isNegative, itemName, levelBadges, locationLabel, locations } from "./stock-ui.js";
import { pageHeader } from "./ui.js";

/** The store's suppliers for the filter (none when they cannot be read). */
const suppliers = () => api("GET", "/api/v1/suppliers?per_page=200").then((p) => p.items).catch(() => []);

/** How long changes are gathered before the page is read again, ms. */
const GATHER_MS = 200;

export function mount(container, ctx, route) {
  ctx.setTitle(t("stock.levels_title"));
  const subtitle = h("span", { class: "crumb", id: "stock-count" }, "\u00a0");
  const live = h("span", { class: "live-dot", id: "stock-live" }, t("stock.live"));
  let changed = new Set(); // item ids changed since the rows were last drawn
  let flashing = new Set();

  const list = createList({
    id: "stock",
    ctx,
    route,
    caption: t("stock.levels_title"),
    defaultSort: "name",
    columns: [
      { key: "sku", label: t("stock.sku"), sort: "sku", className: "mono nowrap", render: (r) => r.sku },
      {
        key: "name",
        label: t("stock.item"),
        sort: "name",
        className: "cell-strong col-name",
        render: (r) => h("a", { href: itemHref(r), class: "row-link", tabindex: "-1" }, itemName(r)),
      },
      {
        key: "on_hand",
        label: t("stock.on_hand"),
        sort: "on_hand",
        className: "num",
        render: (r) => h("span", { class: isNegative(r.on_hand) ? "qty-negative" : null, dataset: { qty: r.on_hand } },
          formatQty(r.on_hand, r.unit)),
      },
      { key: "reorder_point", label: t("stock.reorder_short"), className: "num", render: (r) => formatQty(r.reorder_point, r.unit) },
      { key: "status", label: t("stock.status"), render: levelBadges },
      { key: "updated", label: t("stock.updated_short"), className: "nowrap", render: (r) => formatTimeOrDateTime(r.updated_at) },
    ],
    filters: [
      { name: "q", type: "search", id: "stock-search", label: t("stock.search_label"), placeholder: t("stock.search_placeholder") },
      {
        name: "location",
        type: "select",
        id: "stock-location",
        label: t("stock.location"),
        options: [{ value: "", label: t("stock.all_locations") }],
        more: async () => (await locations()).map((l) => ({ value: l.id, label: locationLabel(l) })),
      },
      {
        name: "category",
        type: "select",
        id: "stock-category",
        label: t("stock.category"),
        options: [{ value: "", label: t("stock.all_categories") }],
        more: async () => [...(await ctx.categories())]
          .sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)))
          .map((c) => ({ value: c.id, label: categoryLabel(c) })),
      },
      {
        name: "supplier",
        type: "select",
        id: "stock-supplier",
        label: t("stock.supplier"),
        options: [{ value: "", label: t("stock.all_suppliers") }],
        more: async () => (await suppliers()).map((s) => ({ value: s.id, label: s.name })),
      },
      {
        name: "show",
        type: "select",
        id: "stock-show",
        label: t("stock.show"),
        options: [
          { value: "", label: t("stock.show_all") },
          { value: "low", label: t("stock.show_low") },
          { value: "negative", label: t("stock.show_negative") },
        ],
      },
    ],
    empty: { icon: "box", text: t("stock.levels_empty") },
    row: {
      href: itemHref,
      attrs: (r) => ({
        class: flashing.has(r.item_id) ? "is-updated" : null,
        dataset: { itemId: r.item_id, sku: r.sku },
      }),
    },
    load: ({ filters, sort, page, perPage, signal }) => {
      flashing = changed;
      changed = new Set();
      const [by, order] = sort?.startsWith("-") ? [sort.slice(1), "desc"] : [sort, undefined];
      return api("GET", `/api/v1/stock${query({
        q: filters.q,
        location_id: filters.location,
        category_id: filters.category,
        supplier_id: filters.supplier,
        below_reorder_point: filters.show === "low" ? "true" : undefined,
        negative: filters.show === "negative" ? "true" : undefined,
        sort: by,
        order,
        limit: perPage,
        offset: (page - 1) * perPage,
      })}`, undefined, { signal });
    },
    onLoaded(body) {
      subtitle.textContent = tn("stock.total", body.total ?? 0);
      flashing = new Set();
    },
  });

  // Live: gather the changes for a moment, then read the page shown again.
  let timer = null;
  const unsubscribe = onStockLevel((level) => {
    if (level) {
      const location = list.state.filters.location;
      if (location && level.location_id !== location) return;
      changed.add(level.item_id);
    }
    live.classList.remove("is-off");
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      list.reload();
    }, GATHER_MS);
  });

  container.append(
    pageHeader({
      title: t("stock.levels_title"),
      subtitle: h("span", { class: "page-sub" }, subtitle, " · ", live),
      actions: [
        h("a", { href: "#/stock/alerts", class: "btn btn-secondary", id: "stock-to-alerts" }, icon("alert"), t("stock.alerts_title")),
        ctx.can("stock_manage")
          ? h("a", { href: "#/stock/adjust", id: "stock-new-adjustment", class: "btn btn-primary" }, icon("plus"), t("stock.adjust_title"))
          : null,
      ],
    }),
    h("div", { class: "page-body" }, list.element),
  );
  list.reload();

  return {
    unmount() {
      clearTimeout(timer);
      unsubscribe();
      list.unmount();
    },
  };
}

function itemHref(row) {
  return `#/stock/items/${encodeURIComponent(row.item_id)}`;
}
