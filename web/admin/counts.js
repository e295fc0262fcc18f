// Stock counts: #/counts lists the store's counts (newest first, by status, kept in the URL);
// "New count" opens one (a location, everything there, a category or items picked by scanning
// or searching, blind or not) and goes to its counting screen, #/counts/<id> (count.js).
// Managers may count; cashiers too when the store's stock settings allow it (`count`).

import { api, query } from "../common/api.js";
import { debounce, errorText, h, icon, openDialog, replace, toast } from "../common/dom.js";
import { formatDateTime, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { checkbox, field, pageHeader, selectInput, textInput } from "./ui.js";

/** A status as a badge. */
export function statusBadge(status) {
  const kind = { open: "info", counting: "warning", applied: "success", cancelled: "neutral" }[status] ?? "neutral";
  return h("span", { class: `badge badge-${kind}`, dataset: { status } }, t(`counts.status.${status}`));
}


/** The store's setting, for managers: whether cashiers may count (applying stays theirs). */
function cashiersSetting() {
  const box = checkbox("count-cashiers", t("counts.cashiers_may_count"));
  const input = box.querySelector("input");
  input.disabled = true;
  api("GET", "/api/v1/stock/settings").then((s) => {
    input.checked = s?.cashiers_may_count === true;
    input.disabled = false;
  }).catch(() => {});
  input.addEventListener("change", async () => {
    input.disabled = true;
    try {
      const s = await api("PATCH", "/api/v1/stock/settings", { cashiers_may_count: input.checked });
      input.checked = s?.cashiers_may_count === true;
      toast(t("counts.setting_saved"));
    } catch (err) {
      input.checked = !input.checked;
      toast(errorText(err), { kind: "error" });
    }
    input.disabled = false;
  });
  return h("div", { class: "count-setting" }, box);
}

/** The items of a count of scope `items`: scan a code (Enter) or type a name and pick it from
 * the search, as the adjustment form does. `picked` holds {item_id, name, sku}. */
function itemsPicker(picked) {
  const scan = h("input", {
    id: "count-items-scan", class: "input", type: "search", autocomplete: "off", spellcheck: "false",
    placeholder: t("counts.items_placeholder"),
  });
  const results = h("ul", { class: "adjust-results", id: "count-items-results", role: "listbox", hidden: true });
  const list = h("ul", { class: "count-lines", id: "count-items" });
  const error = h("p", { class: "field-error", id: "count-items-error", role: "alert" });
  const show = () => replace(list, picked.length === 0
    ? h("li", { class: "muted" }, t("counts.items_none"))
    : picked.map((item, i) => h("li", { class: "count-line", dataset: { itemId: item.item_id } },
      h("div", { class: "count-line-main" }, h("span", {}, item.name), h("span", { class: "muted small" }, item.sku)),
      h("button", { type: "button", class: "btn btn-icon btn-ghost", "aria-label": t("common.remove"), onclick: () => { picked.splice(i, 1); show(); } }, icon("x")))));
  function add(item) {
    if (!picked.some((p) => p.item_id === item.item_id)) picked.push({ item_id: item.item_id, name: item.name, sku: item.sku });
    scan.value = "";
    hide();
    show();
    scan.focus();
  }
  function hide() {
    results.hidden = true;
    results.replaceChildren();
  }
  let seq = 0;
  async function search(text) {
    const q = text.trim();
    const mine = ++seq;
    if (!q) return hide();
    try {
      const body = await api("GET", `/api/v1/catalog/search${query({ q, limit: 8 })}`);
      if (mine !== seq) return;
      const items = body.items ?? [];
      results.hidden = false;
      replace(results, items.length
        ? items.map((item) => h("li", { role: "option" }, h("button", {
          type: "button", class: "adjust-hit", dataset: { itemId: item.item_id }, onclick: () => add(item),
        }, h("span", {}, item.name), h("span", { class: "mono muted" }, ` ${item.sku}`))))
        : h("li", { class: "adjust-empty" }, t("counts.search_none")));
    } catch (err) {
      if (mine === seq) error.textContent = errorText(err);
    }
  }
  const later = debounce(() => search(scan.value), 150);
  scan.addEventListener("input", () => later());
  scan.addEventListener("keydown", async (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    later.cancel();
    const code = scan.value.trim();
    if (!code) return;
    error.textContent = "";
    try {
      add((await api("GET", `/api/v1/catalog/lookup${query({ code })}`)).item);
    } catch (err) {
      // Not a code: maybe a name.
      if (err.code === "unknown_code" || err.status === 404 || err.status === 422) await search(code);
      else error.textContent = errorText(err);
    }
  });
  show();
  return h("div", { class: "stack" },
    h("div", { class: "adjust-search" }, scan, results),
    h("p", { class: "hint" }, t("counts.items_hint")),
    list, error);
}

async function newCount() {
  const [locations, categories] = await Promise.all([
    api("GET", "/api/v1/stock/locations").catch(() => []),
    api("GET", "/api/v1/categories").then((b) => b?.items ?? []).catch(() => []),
  ]);
  const location = selectInput("count-location", (locations ?? []).filter((l) => l.active)
    .map((l) => ({ value: l.id, label: l.name })));
  const selling = (locations ?? []).find((l) => l.selling);
  if (selling) location.value = selling.id;
  const scope = selectInput("count-scope", [
    { value: "location", label: t("counts.scope.location") },
    ...(categories.length ? [{ value: "category", label: t("counts.scope.category") }] : []),
    { value: "items", label: t("counts.scope.items") },
  ]);
  const category = selectInput("count-category", categories.map((c) => ({ value: c.id, label: c.path ?? c.name })));
  const categoryField = field({ name: "category_id", id: "count-category", label: t("counts.category"), control: category });
  categoryField.hidden = true;
  const picked = [];
  const itemsField = field({ name: "item_ids", id: "count-items-scan", label: t("counts.items_label"), control: itemsPicker(picked) });
  itemsField.hidden = true;
  scope.addEventListener("change", () => {
    categoryField.hidden = scope.value !== "category";
    itemsField.hidden = scope.value !== "items";
    if (!itemsField.hidden) itemsField.querySelector("#count-items-scan")?.focus();
  });
  const blind = checkbox("count-blind", t("counts.blind"));
  const note = textInput("count-note", { maxlength: 200 });
  const error = h("p", { class: "field-error", id: "count-new-error", role: "alert" });
  return openDialog({
    title: t("counts.new"),
    id: "count-new-dialog",
    body: h("div", { class: "stack" },
      field({ name: "location_id", id: "count-location", label: t("counts.location"), control: location }),
      field({ name: "scope", id: "count-scope", label: t("counts.scope"), control: scope }),
      categoryField,
      itemsField,
      blind,
      field({ name: "note", id: "count-note", label: t("counts.note"), control: note }),
      error),
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close() }, t("common.cancel")),
      h("button", {
        type: "button",
        class: "btn btn-primary",
        id: "count-start",
        onclick: async (event) => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            const created = await api("POST", "/api/v1/stock/counts", {
              location_id: location.value || undefined,
              scope: scope.value,
              category_id: scope.value === "category" ? category.value : undefined,
              item_ids: scope.value === "items" ? picked.map((p) => p.item_id) : undefined,
              blind: blind.querySelector("input").checked,
              note: note.value.trim() || undefined,
            });
            close(created);
          } catch (err) {
            error.textContent = errorText(err);
            button.disabled = false;
          }
        },
      }, t("counts.open_action")),
    ],
  });
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("counts.title"));
  const list = createList({
    id: "counts",
    ctx,
    route,
    caption: t("counts.title"),
    defaultSort: "-created",
    columns: [
      {
        key: "created",
        label: t("counts.opened"),
        sort: "created",
        render: (c) => h("a", { href: `#/counts/${encodeURIComponent(c.id)}` }, formatDateTime(c.created_at)),
      },
      { key: "scope", label: t("counts.scope"), render: (c) => [t(`counts.scope.${c.scope}`), c.blind ? [" ", h("span", { class: "badge badge-plain badge-neutral" }, t("counts.blind_badge"))] : null] },
      { key: "note", label: t("counts.note"), render: (c) => c.note ?? "" },
      { key: "status", label: t("counts.status"), render: (c) => statusBadge(c.status) },
    ],
    filters: [
      {
        name: "status",
        type: "select",
        label: t("counts.status"),
        options: [
          { value: "", label: t("counts.status_all") },
          ...["open", "counting", "applied", "cancelled"].map((s) => ({ value: s, label: t(`counts.status.${s}`) })),
        ],
      },
    ],
    empty: { icon: "barcode", text: t("counts.none") },
    row: { attrs: (c) => ({ dataset: { countId: c.id } }), href: (c) => `#/counts/${encodeURIComponent(c.id)}` },
    load: ({ filters, sort, page, perPage, signal }) => api("GET", `/api/v1/stock/counts${query({
      status: filters.status, sort, page, per_page: perPage,
    })}`, undefined, { signal }),
  });
  const actions = h("div", { class: "page-actions-inner" });
  const header = pageHeader({
    title: t("counts.title"),
    subtitle: h("span", { class: "crumb" }, t("counts.subtitle")),
    actions: [actions],
  });
  // `count`: managers and owners, and cashiers when the store lets them (sent by the server).
  if (ctx.can("count")) {
    actions.append(h("button", {
      type: "button",
      class: "btn btn-primary",
      id: "count-new",
      onclick: async () => {
        const created = await newCount();
        if (created?.id) location.hash = `#/counts/${encodeURIComponent(created.id)}`;
      },
    }, t("counts.new")));
  }
  container.append(header, h("div", { class: "page-body" },
    ctx.can("stock_manage") ? cashiersSetting() : null,
    list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
