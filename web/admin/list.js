// The list/table every back-office list page shares: columns, sorting by a column, paging,
// filters, and the loading, empty and error states. The sort, the page and the filters live
// in the URL's query (#/products?q=lait&sort=-price&page=2), so a link or a reload shows the
// same view and the browser's back button goes back through the views.
//
//   const list = createList({
//     id: "products",                  // the table is #products-table, the pager #page-prev/#page-next
//     ctx, route,                      // from the page's mount(container, ctx, route)
//     caption: "Products",
//     columns: [{ key, label, sort?: "price", className?, render: (row) => node or text }],
//     defaultSort: "name",             // the API's own default: left out of the URL
//     filters: [{ name: "q", type: "search" | "select" | "date" | "text", label, id,
//                 options?: [{value, label}], more?: async () => [{value, label}] (appended),
//                 parse?: (text) => the API's value }],
//     submit: "Search",                // filters apply when the form is sent; without it, on change
//     paging: "pages" | "more" | "none",
//     load: async ({ filters, sort, page, perPage, cursor, signal }) => ({ items, total?, nextCursor? }),
//     row: { attrs?: (row) => ({...}), href?: (row) => "#/…" },
//     empty: { icon, text, filtered },
//   });
//   container.append(list.element); list.reload();
//
// `filters` values reach `load` as typed; a `parse` that throws (an amount that is not one)
// shows its message and sends nothing.

import { debounce, errorText, h, icon, replace } from "../common/dom.js";
import { formatNumber, t } from "../common/i18n.js";

const SEARCH_DELAY_MS = 150;

export function createList(options) {
  const { id, ctx, route, columns, filters = [], paging = "pages", perPage = 50 } = options;
  const params = route.params;
  const sortable = columns.filter((c) => c.sort);
  const sortKeys = sortable.map((c) => c.sort);
  const state = {
    filters: Object.fromEntries(filters.map((f) => [f.name, params.get(f.name) ?? f.initial ?? ""])),
    sort: readSort(params.get("sort")),
    page: paging === "pages" ? Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1) : 1,
    cursor: null,
  };
  let controller = null;
  let disposed = false;
  const cleanups = [];

  function readSort(text) {
    const name = String(text ?? "").replace(/^-/, "");
    return sortKeys.includes(name) ? text : options.defaultSort ?? "";
  }

  // ------------------------------------------------------------- filters
  const inputs = new Map();
  const filterFields = filters.map((f) => {
    const control = filterControl(f);
    inputs.set(f.name, control);
    const wrapped = f.type === "search"
      ? h("div", { class: "input-icon" }, icon("search"), control)
      : control;
    return h("div", { class: `field${f.type === "search" ? " grow" : ""}${f.narrow ? " field-narrow" : ""}` },
      h("label", { for: control.id }, f.label), wrapped);
  });

  function filterControl(f) {
    const controlId = f.id ?? `${id}-${f.name}`;
    const value = state.filters[f.name];
    if (f.type === "select") {
      const select = h("select", { id: controlId, name: f.name, class: "select" },
        (f.options ?? []).map((o) => h("option", { value: o.value }, o.label)));
      select.value = value;
      if (f.more) {
        f.more().then((list) => {
          for (const o of list) select.append(h("option", { value: o.value }, o.label));
          select.value = state.filters[f.name];
        }).catch((err) => console.warn(`${id}: ${f.name} options`, err));
      }
      select.addEventListener("change", () => {
        if (!options.submit) apply();
      });
      return select;
    }
    const input = h("input", {
      id: controlId,
      name: f.name,
      class: `input${f.mono ? " mono" : ""}`,
      type: f.type === "search" ? "search" : f.type === "date" ? "date" : "text",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: f.placeholder ?? "",
      inputmode: f.inputmode,
      value,
    });
    if (f.type === "search" && !options.submit) {
      const later = debounce(apply, SEARCH_DELAY_MS);
      input.addEventListener("input", later);
      cleanups.push(() => later.cancel());
    } else if (f.type === "date" && !options.submit) {
      input.addEventListener("change", apply);
    }
    return input;
  }

  const alertBox = h("div", { class: "alert alert-error list-alert", role: "alert", hidden: true, id: `${id}-error` });

  // The sort as a select, for narrow screens where the column headers are not shown.
  const sortSelect = sortable.length
    ? h("select", { id: `${id}-sort`, class: "select", "aria-label": t("list.sort") },
      // A list whose own order is not a column's (a search's ranking) offers it first.
      (options.defaultSort ?? "") === "" ? h("option", { value: "" }, t("list.sort_default")) : null,
      sortable.flatMap((c) => [
        h("option", { value: c.sort }, t("list.sort_asc", { column: c.label })),
        h("option", { value: `-${c.sort}` }, t("list.sort_desc", { column: c.label })),
      ]))
    : null;
  if (sortSelect) {
    sortSelect.value = state.sort;
    sortSelect.addEventListener("change", () => setSort(sortSelect.value));
  }

  const form = filters.length || sortSelect
    ? h("form", {
      // Only a sort menu (no filter): the column headers do its work on wider screens.
      class: `card-body toolbar toolbar-wrap${filters.length || options.submit ? "" : " list-sort-only"}`,
      id: `${id}-filters`,
      role: "search",
      novalidate: true,
    },
      filterFields,
      sortSelect ? h("div", { class: "field list-sort" }, h("label", { for: sortSelect.id }, t("list.sort")), sortSelect) : null,
      options.submit
        ? h("div", { class: "field" }, h("span", { class: "label-spacer" }, "\u00a0"),
          h("button", { type: "submit", class: "btn btn-primary", id: `${id}-search` }, icon("search"), options.submit))
        : null)
    : null;
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });

  // --------------------------------------------------------------- table
  const headRow = h("tr", {}, columns.map((c) => headerCell(c)));
  const tbody = h("tbody", {});
  const table = h("table", { class: "table data-list", id: `${id}-table` },
    h("caption", { class: "sr-only" }, options.caption ?? ""),
    h("thead", {}, headRow),
    tbody);

  function headerCell(c) {
    const th = h("th", { scope: "col", class: c.className ?? "", dataset: { column: c.key } });
    if (!c.sort) {
      th.append(c.label ?? "");
      return th;
    }
    th.append(h("button", {
      type: "button",
      class: "sort-button",
      dataset: { sort: c.sort },
      title: t("list.sort_by", { column: c.label }),
      onclick: () => {
        const now = state.sort.replace(/^-/, "");
        const descending = state.sort.startsWith("-");
        setSort(now === c.sort && !descending ? `-${c.sort}` : c.sort);
      },
    }, h("span", {}, c.label), h("span", { class: "sort-mark", "aria-hidden": "true" })));
    return th;
  }

  function markSort() {
    const name = state.sort.replace(/^-/, "");
    const descending = state.sort.startsWith("-");
    for (const th of headRow.children) {
      const button = th.querySelector(".sort-button");
      if (!button) continue;
      const on = button.dataset.sort === name;
      if (on) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      button.querySelector(".sort-mark").replaceChildren(on ? icon(descending ? "down" : "up") : "");
    }
    if (sortSelect) sortSelect.value = state.sort;
  }

  function messageRow(content) {
    return h("tr", { class: "table-empty" }, h("td", { colspan: String(columns.length) }, content));
  }

  function renderRow(row) {
    const href = options.row?.href?.(row);
    const attrs = options.row?.attrs?.(row) ?? {};
    const tr = h("tr", {
      ...attrs,
      class: [attrs.class, href ? "clickable" : null].filter(Boolean).join(" ") || null,
      tabindex: href ? "0" : null,
    });
    if (href) {
      tr.addEventListener("click", (event) => {
        if (event.target.closest("a, button, input, select")) return;
        ctx.navigate(href);
      });
      tr.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target === tr) ctx.navigate(href);
      });
    }
    for (const c of columns) {
      const content = c.render(row);
      tr.append(h("td", { class: c.className ?? "", dataset: { label: c.label ?? "" } },
        content === null || content === undefined ? "" : content));
    }
    return tr;
  }

  // --------------------------------------------------------------- pager
  const pagerInfo = h("span", { id: `${id}-page-info`, class: "pager-info", "aria-live": "polite" });
  const prev = h("button", { type: "button", id: `${id}-prev`, class: "btn btn-secondary", disabled: true },
    icon("left"), h("span", {}, t("pager.prev")));
  const next = h("button", { type: "button", id: `${id}-next`, class: "btn btn-secondary", disabled: true },
    h("span", {}, t("pager.next")), icon("right"));
  const more = h("button", { type: "button", id: `${id}-more`, class: "btn btn-secondary", hidden: true }, t("list.more"));
  prev.addEventListener("click", () => {
    state.page = Math.max(1, state.page - 1);
    sync();
    load();
  });
  next.addEventListener("click", () => {
    state.page += 1;
    sync();
    load();
  });
  more.addEventListener("click", () => load({ append: true }));
  const pager = paging === "pages"
    ? h("nav", { class: "pager", id: `${id}-pager`, "aria-label": t("list.pager") }, pagerInfo, h("div", { class: "pager-buttons" }, prev, next))
    : paging === "more" ? h("div", { class: "pager" }, more) : null;

  function renderPager(body, count) {
    if (paging === "pages") {
      const total = body.total ?? count;
      const page = body.page ?? state.page;
      const size = body.per_page ?? perPage;
      const from = total === 0 ? 0 : (page - 1) * size + 1;
      const to = Math.min(total, (page - 1) * size + count);
      pagerInfo.textContent = total === 0 || count === 0
        ? ""
        : t("pager.range", { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) });
      prev.disabled = page <= 1;
      next.disabled = to >= total;
      // One page holds everything: no pager to show.
      pager.hidden = page <= 1 && to >= total;
    } else if (paging === "more") {
      state.cursor = body.next_cursor ?? null;
      more.hidden = !state.cursor;
      pager.hidden = more.hidden;
    }
  }

  // ----------------------------------------------------------- the data
  function filtered() {
    return filters.some((f) => (state.filters[f.name] ?? "") !== (f.initial ?? ""));
  }

  /**
   * Reads the filters from their controls and shows their first page; a filter that does not
   * parse is said and changes nothing (neither the URL nor the rows).
   */
  function apply() {
    const typed = Object.fromEntries(filters.map((f) => [f.name, inputs.get(f.name).value.trim()]));
    try {
      apiFilters(typed);
    } catch (err) {
      setError(err.localizedMessage ?? errorText(err));
      return;
    }
    state.filters = typed;
    state.page = 1;
    sync();
    load();
  }

  function setSort(sort) {
    state.sort = sort;
    state.page = 1;
    sync();
    load();
  }

  /** Puts the view in the URL (replacing the entry: typing a filter is not a page visit). */
  function sync() {
    const q = new URLSearchParams();
    for (const f of filters) if (state.filters[f.name]) q.set(f.name, state.filters[f.name]);
    if (state.sort && state.sort !== (options.defaultSort ?? "")) q.set("sort", state.sort);
    if (paging === "pages" && state.page > 1) q.set("page", String(state.page));
    const base = route.path ?? id;
    ctx.replaceHash(`#/${base}${q.size ? `?${q}` : ""}`);
  }

  function apiFilters(values = state.filters) {
    const out = {};
    for (const f of filters) {
      const text = values[f.name];
      out[f.name] = text && f.parse ? f.parse(text) : text || undefined;
    }
    return out;
  }

  async function load({ append = false } = {}) {
    setError(null);
    let values;
    try {
      values = apiFilters();
    } catch (err) {
      setError(err.localizedMessage ?? errorText(err));
      return;
    }
    controller?.abort();
    controller = new AbortController();
    const mine = controller;
    markSort();
    table.setAttribute("aria-busy", "true");
    if (!append && !tbody.querySelector("tr[data-row]")) {
      replace(tbody, messageRow(h("div", { class: "loading", id: `${id}-loading` }, h("div", { class: "spinner" }), t("list.loading"))));
    }
    try {
      const body = await options.load({
        filters: values,
        sort: state.sort || undefined,
        page: state.page,
        perPage,
        cursor: append ? state.cursor : undefined,
        signal: mine.signal,
      });
      if (disposed || mine !== controller) return;
      const items = body?.items ?? [];
      const rows = items.map((item) => {
        const tr = renderRow(item);
        tr.dataset.row = "";
        return tr;
      });
      if (append) tbody.append(...rows);
      else if (rows.length) replace(tbody, rows);
      else replace(tbody, messageRow(emptyState()));
      renderPager(body ?? {}, items.length);
      options.onLoaded?.(body ?? {}, state);
    } catch (err) {
      if (err.name === "AbortError" || disposed || mine !== controller) return;
      replace(tbody, messageRow(h("div", { class: "alert alert-error", role: "alert", id: `${id}-failed` },
        icon("alert"), h("span", {}, errorText(err)),
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => load() }, t("common.retry")))));
      pagerInfo.textContent = "";
      prev.disabled = next.disabled = true;
    } finally {
      if (mine === controller) table.removeAttribute("aria-busy");
    }
  }

  function emptyState() {
    const isFiltered = filtered();
    const empty = options.empty ?? {};
    return h("div", { class: "empty-state", id: `${id}-empty` },
      icon(empty.icon ?? "list"),
      h("strong", {}, isFiltered ? (empty.filtered ?? t("list.empty_filtered")) : (empty.text ?? t("list.empty"))),
      isFiltered
        ? h("button", { type: "button", class: "btn btn-secondary", id: `${id}-clear`, onclick: clearFilters }, t("list.clear_filters"))
        : null);
  }

  function clearFilters() {
    for (const f of filters) {
      state.filters[f.name] = f.initial ?? "";
      inputs.get(f.name).value = f.initial ?? "";
    }
    state.page = 1;
    sync();
    load();
    inputs.values().next().value?.focus();
  }

  function setError(message) {
    alertBox.hidden = !message;
    replace(alertBox, ...(message ? [icon("alert"), h("span", {}, message)] : []));
  }

  const element = h("section", { class: "card card-flush list-card", id: `${id}-list` },
    form,
    alertBox,
    h("div", { class: "table-wrap" }, table),
    pager);
  markSort();

  return {
    element,
    state,
    input: (name) => inputs.get(name),
    reload: () => load(),
    /** Applies the filters as they are typed now (a scan's Enter, for instance). */
    apply,
    unmount() {
      disposed = true;
      controller?.abort();
      for (const c of cleanups) c();
    },
  };
}
