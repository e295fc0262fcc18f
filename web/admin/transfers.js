// Stock transfers: #/transfers lists what this store sends and receives (direction and status
// kept in the URL); "New transfer" drafts one to another of the store's locations or to a
// location of another store (GET /stores), its lines added by scanning or typing a code and a
// quantity. A transfer opens at #/transfers/<id> (transfer.js), where it is sent, and
// received by scanning. Managers and owners.

import { api, query } from "../common/api.js";
import { errorText, h, icon, openDialog, replace } from "../common/dom.js";
import { formatDateTime, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { qtyText } from "./quantity.js";
import { field, pageHeader, selectInput, textInput } from "./ui.js";

/** A transfer's status as a badge. */
export function transferBadge(status) {
  const kind = { draft: "info", in_transit: "warning", received: "success", cancelled: "neutral" }[status] ?? "neutral";
  return h("span", { class: `badge badge-${kind}`, dataset: { status } }, t(`transfers.status.${status}`));
}

/** The stores a transfer may go to, the caller's own first (`current`), each with its active
 * locations: GET /stores. */
export async function loadStores() {
  return (await api("GET", "/api/v1/stores").catch(() => [])) ?? [];
}

/** "Store · Location" for a location of any store, or "" when it is not known here. */
export function placeName(stores, storeId, locationId) {
  const store = stores.find((s) => s.id === storeId);
  const location = store?.locations.find((l) => l.id === locationId);
  if (!store || !location) return "";
  return store.current ? location.name : `${store.name} · ${location.name}`;
}

async function newTransfer() {
  const stores = await loadStores();
  const own = stores.find((s) => s.current) ?? { id: "", locations: [] };
  const from = selectInput("transfer-from", own.locations.map((l) => ({ value: l.id, label: l.name })));
  const selling = own.locations.find((l) => l.selling);
  if (selling) from.value = selling.id;
  const toStore = selectInput("transfer-to-store", stores.map((s) => ({
    value: s.id,
    label: s.current ? t("transfers.this_store", { name: s.name }) : s.name,
  })));
  toStore.value = own.id;
  const to = selectInput("transfer-to", []);
  // The destination's locations: another of this store's (not the one it leaves), or any
  // of the other store's, its sales floor first chosen.
  function showDestinations() {
    const store = stores.find((s) => s.id === toStore.value) ?? own;
    const choices = store.locations.filter((l) => !(store.current && l.id === from.value));
    to.replaceChildren(...choices.map((l) => h("option", { value: l.id }, l.name)));
    to.value = (store.current ? choices[0] : choices.find((l) => l.selling) ?? choices[0])?.id ?? "";
  }
  showDestinations();
  toStore.addEventListener("change", showDestinations);
  from.addEventListener("change", () => {
    if (stores.find((s) => s.id === toStore.value)?.current) showDestinations();
  });
  const note = textInput("transfer-note", { maxlength: 200 });
  const code = textInput("transfer-code", { class: "input mono", placeholder: t("transfers.line_code") });
  const qty = textInput("transfer-qty", { class: "input count-qty", inputmode: "decimal", value: "1" });
  const lines = []; // {item_id, name, sku, quantity}
  const linesEl = h("ul", { class: "count-lines", id: "transfer-new-lines" });
  const error = h("p", { class: "field-error", id: "transfer-new-error", role: "alert" });
  const showLines = () => replace(linesEl, lines.length === 0
    ? h("li", { class: "muted" }, t("transfers.lines_none"))
    : lines.map((l, i) => h("li", { class: "count-line", dataset: { itemId: l.item_id } },
      h("div", { class: "count-line-main" }, h("span", {}, l.name), h("span", { class: "muted small" }, l.sku)),
      h("span", { class: "count-line-qty mono" }, qtyText(l.quantity)),
      h("button", { type: "button", class: "btn btn-icon btn-ghost", "aria-label": t("common.remove"), onclick: () => { lines.splice(i, 1); showLines(); } }, icon("x")))));
  async function addLine() {
    const text = code.value.trim();
    const quantity = qty.value.trim().replace(",", ".") || "1";
    if (!text) return;
    error.textContent = "";
    try {
      const found = await api("GET", `/api/v1/catalog/lookup${query({ code: text })}`);
      const same = lines.find((l) => l.item_id === found.item.item_id);
      if (same) same.quantity = quantity;
      else lines.push({ item_id: found.item.item_id, name: found.item.name, sku: found.item.sku, quantity });
      code.value = "";
      qty.value = "1";
      showLines();
    } catch (err) {
      error.textContent = errorText(err);
    }
    code.focus();
  }
  code.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      addLine();
    }
  });
  showLines();
  return openDialog({
    title: t("transfers.new"),
    id: "transfer-new-dialog",
    body: h("div", { class: "stack" },
      field({ name: "from_location_id", id: "transfer-from", label: t("transfers.from"), control: from }),
      field({ name: "to_store_id", id: "transfer-to-store", label: t("transfers.to_store"), control: toStore }),
      field({ name: "to_location_id", id: "transfer-to", label: t("transfers.to"), control: to }),
      h("div", { class: "count-scan-row" }, code, qty,
        h("button", { type: "button", class: "btn btn-secondary", id: "transfer-add-line", onclick: addLine }, t("transfers.add_line"))),
      linesEl,
      field({ name: "note", id: "transfer-note", label: t("transfers.note"), control: note }),
      error),
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close() }, t("common.cancel")),
      h("button", {
        type: "button",
        class: "btn btn-primary",
        id: "transfer-create",
        onclick: async (event) => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            close(await api("POST", "/api/v1/stock/transfers", {
              from_location_id: from.value || undefined,
              to_store_id: toStore.value && toStore.value !== own.id ? toStore.value : undefined,
              to_location_id: to.value || undefined,
              note: note.value.trim() || undefined,
              lines: lines.map((l) => ({ item_id: l.item_id, quantity: l.quantity })),
            }));
          } catch (err) {
            error.textContent = errorText(err);
            button.disabled = false;
          }
        },
      }, t("transfers.create")),
    ],
  });
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("transfers.title"));
  let stores = [];
  const storesLoaded = loadStores().then((all) => { stores = all; });
  const list = createList({
    id: "transfers",
    ctx,
    route,
    caption: t("transfers.title"),
    columns: [
      {
        key: "created",
        label: t("transfers.created"),
        render: (x) => h("a", { href: `#/transfers/${encodeURIComponent(x.id)}` }, formatDateTime(x.created_at)),
      },
      {
        key: "direction",
        label: t("transfers.direction"),
        render: (x) => t(x.store_id === ctx.store?.id ? "transfers.direction.out" : "transfers.direction.in"),
      },
      {
        key: "route",
        label: t("transfers.route"),
        render: (x) => t("transfers.route_text", {
          from: placeName(stores, x.store_id, x.from_location_id) || "?",
          to: placeName(stores, x.to_store_id, x.to_location_id) || "?",
        }),
      },
      { key: "note", label: t("transfers.note"), render: (x) => x.note ?? "" },
      { key: "status", label: t("transfers.status"), render: (x) => transferBadge(x.status) },
    ],
    filters: [
      {
        name: "direction",
        type: "select",
        label: t("transfers.direction"),
        options: [
          { value: "", label: t("transfers.direction_all") },
          { value: "out", label: t("transfers.direction.out") },
          { value: "in", label: t("transfers.direction.in") },
        ],
      },
      {
        name: "status",
        type: "select",
        label: t("transfers.status"),
        options: [
          { value: "", label: t("transfers.status_all") },
          ...["draft", "in_transit", "received", "cancelled"].map((s) => ({ value: s, label: t(`transfers.status.${s}`) })),
        ],
      },
    ],
    empty: { icon: "right", text: t("transfers.none") },
    row: { attrs: (x) => ({ dataset: { transferId: x.id } }), href: (x) => `#/transfers/${encodeURIComponent(x.id)}` },
    load: async ({ filters, page, perPage, signal }) => {
      await storesLoaded;
      return api("GET", `/api/v1/stock/transfers${query({
        direction: filters.direction, status: filters.status, page, per_page: perPage,
      })}`, undefined, { signal });
    },
  });
  const create = h("button", {
    type: "button",
    class: "btn btn-primary",
    id: "transfer-new",
    onclick: async () => {
      const created = await newTransfer();
      if (created?.id) location.hash = `#/transfers/${encodeURIComponent(created.id)}`;
    },
  }, t("transfers.new"));
  container.append(
    pageHeader({ title: t("transfers.title"), subtitle: h("span", { class: "crumb" }, t("transfers.subtitle")), actions: [create] }),
    h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
