// Product list: typeahead search, category and status filters, paging.
// Filters live in the hash query (#/products?q=…&category=…&active=…&page=…)
// so the back button and reloads keep them.

import { api, query } from "../common/api.js";
import { debounce, errorText, h, icon, replace } from "../common/dom.js";
import { formatMoney, formatNumber, t, tn } from "../common/i18n.js";
import { categoryLabel, pageHeader, statusBadge } from "./ui.js";

const PER_PAGE = 50;
const SEARCH_DELAY_MS = 120;

export function mount(container, ctx, route) {
  const p = route.params;
  const state = {
    q: p.get("q") ?? "",
    category: p.get("category") ?? "",
    active: ["true", "false", "all"].includes(p.get("active")) ? p.get("active") : "all",
    page: Math.max(1, Number.parseInt(p.get("page") ?? "1", 10) || 1),
  };
  let controller = null;
  let openIfSingle = false;
  ctx.setTitle(t("products.title"));

  const search = h("input", {
    id: "product-search",
    class: "input",
    type: "search",
    placeholder: t("products.search_placeholder"),
    "aria-label": t("products.search_label"),
    autocomplete: "off",
    spellcheck: "false",
    "aria-keyshortcuts": "/",
    value: state.q,
  });
  const categorySelect = h("select", { id: "category-filter", class: "select" },
    h("option", { value: "" }, t("products.all_categories")));
  const activeSelect = h("select", { id: "active-filter", class: "select" },
    h("option", { value: "all" }, t("products.status_all")),
    h("option", { value: "true" }, t("products.status_active")),
    h("option", { value: "false" }, t("products.status_inactive")));
  activeSelect.value = state.active;

  const tbody = h("tbody", {});
  const table = h("table", { id: "products-table", class: "table", "data-test": "products-table" },
    h("caption", { class: "sr-only" }, t("products.title")),
    h("thead", {},
      h("tr", {},
        h("th", { scope: "col" }, t("product.sku")),
        h("th", { scope: "col" }, t("product.name")),
        h("th", { scope: "col", class: "col-brand" }, t("product.brand")),
        h("th", { scope: "col" }, t("product.category")),
        h("th", { scope: "col", class: "num" }, t("product.price")),
        h("th", { scope: "col" }, t("product.barcodes")),
        h("th", { scope: "col" }, t("product.status")))),
    tbody);
  const pagerInfo = h("span", { id: "page-info", class: "pager-info", "aria-live": "polite" });
  const prev = h("button", { type: "button", id: "page-prev", class: "btn btn-secondary", disabled: true },
    icon("left"), t("pager.prev"));
  const next = h("button", { type: "button", id: "page-next", class: "btn btn-secondary", disabled: true },
    t("pager.next"), icon("right"));
  const subtitle = h("span", { class: "crumb", id: "products-count" }, "\u00a0");

  container.append(
    pageHeader({
      title: t("products.title"),
      subtitle,
      actions: [
        h("a", { href: "/api/v1/catalog/export", id: "products-export", class: "btn btn-secondary", download: "catalog.csv" },
          icon("download"), t("import.export")),
        ctx.canEdit
          ? h("a", { href: "#/products/new", id: "new-product", class: "btn btn-primary" }, icon("plus"), t("products.new"))
          : null,
      ],
    }),
    h("div", { class: "page-body" },
      h("section", { class: "card card-flush" },
        h("div", { class: "card-body toolbar", role: "search" },
          h("div", { class: "field grow" },
            h("label", { for: "product-search" }, t("products.search_label")),
            h("div", { class: "input-icon" }, icon("search"), search)),
          h("div", { class: "field" },
            h("label", { for: "category-filter" }, t("product.category")),
            categorySelect),
          h("div", { class: "field" },
            h("label", { for: "active-filter" }, t("product.status")),
            activeSelect)),
        h("div", { class: "table-wrap" }, table),
        h("div", { class: "pager", id: "pager" }, pagerInfo, h("div", { class: "pager-buttons" }, prev, next)))),
  );

  ctx.categories().then((items) => {
    const sorted = [...items].sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)));
    for (const c of sorted) categorySelect.append(h("option", { value: c.id }, categoryLabel(c)));
    categorySelect.value = state.category;
  }).catch((err) => console.warn("categories", err));

  function syncHash() {
    ctx.replaceHash(`#/products${query({
      q: state.q.trim(),
      category: state.category,
      active: state.active === "all" ? "" : state.active,
      page: state.page > 1 ? state.page : "",
    })}`);
  }

  async function load() {
    controller?.abort();
    controller = new AbortController();
    const mine = controller;
    const single = openIfSingle;
    openIfSingle = false;
    syncHash();
    table.setAttribute("aria-busy", "true");
    if (!tbody.firstChild) replace(tbody, messageRow(h("div", { class: "loading" }, h("div", { class: "spinner" }), t("common.loading"))));
    try {
      const body = await api("GET", `/api/v1/products${query({
        q: state.q.trim(),
        category_id: state.category,
        active: state.active,
        page: state.page,
        per_page: PER_PAGE,
      })}`, undefined, { signal: mine.signal });
      if (mine !== controller) return;
      const items = body.items ?? [];
      if (single && items.length === 1) {
        ctx.navigate(`#/products/${encodeURIComponent(items[0].id)}`);
        return;
      }
      renderRows(items);
      renderPager(body.total ?? items.length, body.page ?? state.page, body.per_page ?? PER_PAGE, items.length);
    } catch (err) {
      if (err.name === "AbortError" || mine !== controller) return;
      replace(tbody, messageRow(h("div", { class: "alert alert-error", role: "alert" },
        icon("alert"), h("span", {}, errorText(err)),
        h("button", { type: "button", class: "btn btn-secondary", onclick: load }, t("common.retry")))));
      pagerInfo.textContent = "";
      prev.disabled = next.disabled = true;
    } finally {
      if (mine === controller) table.removeAttribute("aria-busy");
    }
  }

  function renderRows(items) {
    if (items.length === 0) {
      const filtered = state.q.trim() || state.category || state.active !== "all";
      replace(tbody, messageRow(h("div", { class: "empty-state" },
        icon("box"),
        h("strong", {}, filtered ? t("products.empty_filtered") : t("products.empty")),
        filtered
          ? h("button", { type: "button", class: "btn btn-secondary", id: "clear-filters", onclick: clearFilters },
            t("products.clear_filters"))
          : null)));
      return;
    }
    replace(tbody, items.map(productRow));
  }

  function productRow(product) {
    const href = `#/products/${encodeURIComponent(product.id)}`;
    const variants = product.variants?.length ?? 0;
    const row = h("tr", {
      class: `clickable${product.active ? "" : " is-inactive"}`,
      tabindex: "0",
      dataset: { productId: product.id, sku: product.sku },
      onclick: (event) => {
        if (event.target.closest("a")) return;
        ctx.navigate(href);
      },
      onkeydown: (event) => {
        if (event.key === "Enter" && event.target === row) ctx.navigate(href);
      },
    },
    h("td", { class: "mono nowrap" }, product.sku),
    h("td", { class: "cell-strong col-name" },
      h("a", { href, class: "row-link", tabindex: "-1" }, product.name),
      product.brand ? h("span", { class: "cell-sub brand-inline" }, product.brand) : null,
      variants ? h("span", { class: "cell-sub" }, tn("products.variant_count", variants)) : null),
    h("td", { class: "col-brand" }, product.brand ?? ""),
    h("td", {}, product.category_name ?? ""),
    h("td", { class: "num" }, formatMoney(product.price),
      product.sold_by_weight || product.unit !== "each"
        ? h("span", { class: "cell-sub" }, t(`unit.per.${product.unit}`))
        : null),
    h("td", { class: "code-list" }, barcodeSummary(product.barcodes ?? [])),
    h("td", {}, statusBadge(product.active)));
    return row;
  }

  function renderPager(total, page, perPage, count) {
    const from = total === 0 ? 0 : (page - 1) * perPage + 1;
    const to = (page - 1) * perPage + count;
    pagerInfo.textContent = total === 0
      ? ""
      : t("pager.range", { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) });
    subtitle.textContent = tn("products.total", total);
    prev.disabled = page <= 1;
    next.disabled = to >= total;
  }

  function clearFilters() {
    state.q = "";
    state.category = "";
    state.active = "all";
    state.page = 1;
    search.value = "";
    categorySelect.value = "";
    activeSelect.value = "all";
    load();
    search.focus();
  }

  const debouncedSearch = debounce(() => {
    state.page = 1;
    load();
  }, SEARCH_DELAY_MS);

  search.addEventListener("input", () => {
    state.q = search.value;
    debouncedSearch();
  });
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    state.q = search.value;
    // A scanned barcode ends with Enter: open the product when it is the only match.
    openIfSingle = /^\d{6,14}$/.test(state.q.trim());
    debouncedSearch.flush();
  });
  categorySelect.addEventListener("change", () => {
    state.category = categorySelect.value;
    state.page = 1;
    load();
  });
  activeSelect.addEventListener("change", () => {
    state.active = activeSelect.value;
    state.page = 1;
    load();
  });
  prev.addEventListener("click", () => {
    state.page = Math.max(1, state.page - 1);
    load();
  });
  next.addEventListener("click", () => {
    state.page += 1;
    load();
  });

  function onSlash(event) {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  }
  document.addEventListener("keydown", onSlash);

  load();
  search.focus();

  return {
    unmount() {
      debouncedSearch.cancel();
      controller?.abort();
      document.removeEventListener("keydown", onSlash);
    },
  };
}

function messageRow(content) {
  return h("tr", { class: "table-empty" }, h("td", { colspan: "7" }, content));
}

function barcodeSummary(codes) {
  if (codes.length === 0) return h("span", { class: "muted" }, t("common.none"));
  return [codes[0], codes.length > 1 ? h("span", { class: "more" }, ` +${codes.length - 1}`) : null];
}
