// Stock counts: #/counts lists the store's counts (newest first, by status, kept in the URL);
// "New count" opens one (a location, everything there or a category, blind or not) and goes
// to its counting screen, #/counts/<id> (count.js). Managers may count; cashiers too when the
// store's stock settings allow it.

import { api, query } from "../common/api.js";
import { errorText, h, openDialog, toast } from "../common/dom.js";
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
  ]);
  const category = selectInput("count-category", categories.map((c) => ({ value: c.id, label: c.path ?? c.name })));
  const categoryField = field({ name: "category_id", id: "count-category", label: t("counts.category"), control: category });
  categoryField.hidden = true;
  scope.addEventListener("change", () => { categoryField.hidden = scope.value !== "category"; });
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
