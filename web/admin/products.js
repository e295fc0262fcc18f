// Product list: typeahead search, category and status filters, sorting and paging on the
// server, all kept in the URL (#/products?q=…&category=…&active=…&sort=…&page=…).
// A barcode scanned into the search (digits, then Enter) opens its product when it is the
// only match.

import { api, query } from "../common/api.js";
import { h, icon } from "../common/dom.js";
import { formatMoney, t, tn } from "../common/i18n.js";
import { createList } from "./list.js";
import { categoryLabel, statusBadge } from "./product-ui.js";
import { pageHeader } from "./ui.js";

export function mount(container, ctx, route) {
  ctx.setTitle(t("products.title"));
  let openIfSingle = false;
  const subtitle = h("span", { class: "crumb", id: "products-count" }, "\u00a0");

  const list = createList({
    id: "products",
    ctx,
    route,
    caption: t("products.title"),
    defaultSort: "",
    columns: [
      { key: "sku", label: t("product.sku"), sort: "sku", className: "mono nowrap", render: (p) => p.sku },
      {
        key: "name",
        label: t("product.name"),
        sort: "name",
        className: "cell-strong col-name",
        render: (p) => [
          h("a", { href: productHref(p), class: "row-link", tabindex: "-1" }, p.name),
          p.brand ? h("span", { class: "cell-sub brand-inline" }, p.brand) : null,
          p.variants?.length ? h("span", { class: "cell-sub" }, tn("products.variant_count", p.variants.length)) : null,
        ],
      },
      { key: "brand", label: t("product.brand"), className: "col-brand", render: (p) => p.brand ?? "" },
      { key: "category", label: t("product.category"), render: (p) => p.category_name ?? "" },
      {
        key: "price",
        label: t("product.price"),
        sort: "price",
        className: "num",
        render: (p) => [
          formatMoney(p.price),
          p.sold_by_weight || p.unit !== "each" ? h("span", { class: "cell-sub" }, t(`unit.per.${p.unit}`)) : null,
        ],
      },
      { key: "barcodes", label: t("product.barcodes"), className: "code-list", render: (p) => barcodeSummary(p.barcodes ?? []) },
      { key: "status", label: t("product.status"), render: (p) => statusBadge(p.active) },
    ],
    filters: [
      {
        name: "q",
        type: "search",
        id: "product-search",
        label: t("products.search_label"),
        placeholder: t("products.search_placeholder"),
      },
      {
        name: "category",
        type: "select",
        id: "category-filter",
        label: t("product.category"),
        options: [{ value: "", label: t("products.all_categories") }],
        more: async () => {
          const items = await ctx.categories();
          return [...items]
            .sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)))
            .map((c) => ({ value: c.id, label: categoryLabel(c) }));
        },
      },
      {
        name: "active",
        type: "select",
        id: "active-filter",
        label: t("product.status"),
        options: [
          { value: "", label: t("products.status_all") },
          { value: "true", label: t("products.status_active") },
          { value: "false", label: t("products.status_inactive") },
        ],
      },
    ],
    empty: { icon: "box", text: t("products.empty"), filtered: t("products.empty_filtered") },
    row: {
      href: productHref,
      attrs: (p) => ({ class: p.active ? null : "is-inactive", dataset: { productId: p.id, sku: p.sku } }),
    },
    load: ({ filters, sort, page, perPage, signal }) => api("GET", `/api/v1/products${query({
      q: filters.q,
      category_id: filters.category,
      // The list shows every product unless a status is picked.
      active: filters.active || "all",
      sort,
      page,
      per_page: perPage,
    })}`, undefined, { signal }),
    onLoaded(body) {
      subtitle.textContent = tn("products.total", body.total ?? 0);
      const single = openIfSingle;
      openIfSingle = false;
      if (single && body.items?.length === 1) ctx.navigate(productHref(body.items[0]));
    },
  });

  const search = list.input("q");
  search.setAttribute("aria-keyshortcuts", "/");
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    // A scanned barcode ends with Enter: open the product when it is the only match.
    openIfSingle = /^\d{6,14}$/.test(search.value.trim());
    list.apply();
  });

  container.append(
    pageHeader({
      title: t("products.title"),
      subtitle,
      actions: [
        h("a", { href: "/api/v1/catalog/export", id: "products-export", class: "btn btn-secondary", download: "catalog.csv" },
          icon("download"), t("products.export")),
        ctx.can("catalog_write")
          ? h("a", { href: "#/products/new", id: "new-product", class: "btn btn-primary" }, icon("plus"), t("products.new"))
          : null,
      ],
    }),
    h("div", { class: "page-body" }, list.element),
  );

  function onSlash(event) {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  }
  document.addEventListener("keydown", onSlash);

  list.reload();
  search.focus();

  return {
    unmount() {
      list.unmount();
      document.removeEventListener("keydown", onSlash);
    },
  };
}

function productHref(product) {
  return `#/products/${encodeURIComponent(product.id)}`;
}

function barcodeSummary(codes) {
  if (codes.length === 0) return h("span", { class: "muted" }, t("common.none"));
  return [codes[0], codes.length > 1 ? h("span", { class: "more" }, ` +${codes.length - 1}`) : null];
}
