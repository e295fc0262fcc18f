// Quick keys: the till's grid of keys for goods without a barcode, by group.
// Owners and managers add keys by searching the catalog, edit labels and
// colours, reorder, move and remove them, manage groups, and save the whole
// set with the version it was loaded at (a set changed meanwhile is refused).
// API errors come back with paths like `groups[1].keys[3].product_id` and are
// shown next to that entry. Cashiers see the same page read-only.

import { api, query } from "../common/api.js";
import { debounce, errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatMoney, t, tn } from "../common/i18n.js";
import { clearFieldErrors, focusFirstInvalid, pageHeader, setAlert, setFieldError } from "./ui.js";

export const COLOURS = ["slate", "blue", "green", "amber", "red", "purple", "teal", "pink"];
const MAX_GROUPS = 12;
const MAX_KEYS = 48;
const SEARCH_DELAY_MS = 150;

/** The PUT body for a state: labels equal to the item's name are left to default. */
function body(state) {
  return {
    version: state.version,
    groups: state.groups.map((g) => ({
      name: g.name,
      keys: g.keys.map((k) => {
        const label = k.label.trim();
        return {
          product_id: k.product_id,
          colour: k.colour,
          ...(label && label !== k.name ? { label } : {}),
        };
      }),
    })),
  };
}

/** The editable state from a GET/PUT answer. */
function stateOf(answer) {
  return {
    version: answer.version ?? 0,
    hidden: answer.hidden ?? 0,
    groups: (answer.groups ?? []).map((g) => ({
      name: g.name,
      keys: (g.keys ?? []).map((k) => ({ ...k, label: k.label === k.name ? "" : k.label })),
    })),
  };
}

function move(list, from, to) {
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
}

export function mount(container, ctx) {
  const readOnly = !ctx.can("catalog_write");
  let state = null;
  let baseline = "";
  let saving = false;
  let disposed = false;
  let target = 0; // the group new keys go to
  let controller = null;
  ctx.setTitle(t("quick_keys.title"));

  const alert = h("div", { class: "alert alert-error", role: "alert", id: "qk-alert", hidden: true });
  const hiddenNote = h("div", { class: "alert alert-warning", id: "qk-hidden", hidden: true });
  const groupsEl = h("div", { class: "stack", id: "qk-groups", "data-test": "qk-groups" });
  const saveButton = readOnly ? null : h("button", {
    type: "button", id: "qk-save", class: "btn btn-primary", "data-test": "qk-save", onclick: save,
  }, icon("check"), t("common.save"));
  const addGroupButton = readOnly ? null : h("button", {
    type: "button", id: "qk-add-group", class: "btn btn-secondary", onclick: addGroup,
  }, icon("plus"), t("quick_keys.add_group"));
  const search = h("input", {
    id: "qk-search", class: "input", type: "search", autocomplete: "off", spellcheck: "false",
    placeholder: t("quick_keys.search_placeholder"),
  });
  const targetSelect = h("select", { id: "qk-target", class: "select" });
  const results = h("ul", { class: "qk-results", id: "qk-results", "aria-live": "polite" });

  container.append(
    pageHeader({
      title: t("quick_keys.title"),
      subtitle: h("span", { class: "crumb" }, t("quick_keys.subtitle")),
      actions: [addGroupButton, saveButton],
    }),
    h("div", { class: "page-body" },
      readOnly ? h("div", { class: "alert alert-info", id: "read-only-notice" }, icon("lock"),
        h("span", {}, t("quick_keys.read_only", { role: t(`role.${ctx.user.role}`) }))) : null,
      alert,
      hiddenNote,
      h("div", { class: readOnly ? "" : "layout-2col" },
        groupsEl,
        readOnly ? null : h("section", { class: "card qk-finder" },
          h("div", { class: "card-header" }, h("h2", {}, t("quick_keys.add_key"))),
          h("div", { class: "card-body stack" },
            h("div", { class: "field" }, h("label", { for: "qk-target" }, t("quick_keys.to_group")), targetSelect),
            h("div", { class: "field" }, h("label", { for: "qk-search" }, t("quick_keys.search_label")),
              h("div", { class: "input-icon" }, icon("search"), search)),
            results,
            h("p", { class: "hint" }, t("quick_keys.search_hint")))))),
  );
  groupsEl.append(h("div", { class: "loading" }, h("div", { class: "spinner" }), t("common.loading")));

  function load() {
    api("GET", "/api/v1/store/quick-keys").then((answer) => {
      if (disposed) return;
      setState(answer);
    }).catch((err) => {
      if (disposed) return;
      replace(groupsEl, h("div", { class: "alert alert-error", role: "alert" }, icon("alert"),
        h("span", {}, errorText(err)),
        h("button", { type: "button", class: "btn btn-secondary", onclick: load }, t("common.retry"))));
    });
  }

  function setState(answer) {
    state = stateOf(answer);
    baseline = JSON.stringify(body(state));
    target = Math.min(target, Math.max(0, state.groups.length - 1));
    setAlert(alert);
    renderAll();
  }

  function isDirty() {
    return state !== null && !readOnly && JSON.stringify(body(state)) !== baseline;
  }

  /** Re-renders after a change of structure; errors shown belong to the old paths. */
  function changed() {
    setAlert(alert);
    renderAll();
  }

  function renderAll() {
    hiddenNote.hidden = state.hidden === 0;
    replace(hiddenNote, icon("alert"), h("span", {}, tn("quick_keys.hidden", state.hidden)));
    replace(targetSelect, state.groups.map((g, i) => h("option", { value: String(i) }, g.name || t("quick_keys.unnamed"))));
    targetSelect.value = String(target);
    targetSelect.disabled = state.groups.length === 0;
    if (state.groups.length === 0) {
      replace(groupsEl, h("section", { class: "card" }, h("div", { class: "empty-state" }, icon("box"),
        h("strong", {}, t("quick_keys.empty")))));
    } else {
      replace(groupsEl, state.groups.map(groupCard));
    }
    if (addGroupButton) addGroupButton.disabled = state.groups.length >= MAX_GROUPS;
    renderResults(lastHits);
  }

  function groupCard(group, gi) {
    const path = `groups[${gi}]`;
    const name = h("input", {
      id: `qk-group-${gi}`, class: "input qk-group-name", type: "text", value: group.name, maxlength: "40",
      "aria-label": t("quick_keys.group_name"), placeholder: t("quick_keys.group_name"), disabled: readOnly,
    });
    name.addEventListener("input", () => {
      group.name = name.value;
      const option = targetSelect.options[gi];
      if (option) option.textContent = group.name || t("quick_keys.unnamed");
    });
    const tools = readOnly ? null : h("div", { class: "card-actions" },
      iconButton("up", t("quick_keys.group_up"), gi === 0, () => { move(state.groups, gi, gi - 1); changed(); }),
      iconButton("down", t("quick_keys.group_down"), gi === state.groups.length - 1, () => { move(state.groups, gi, gi + 1); changed(); }),
      iconButton("x", t("quick_keys.remove_group", { name: group.name }), false, () => removeGroup(gi)));
    return h("section", { class: "card", dataset: { group: String(gi) } },
      h("div", { class: "card-header qk-group-header" },
        h("div", { class: "field grow", dataset: { field: `${path}.name` } }, name, h("p", { class: "field-error" })),
        h("span", { class: "badge badge-plain badge-neutral" }, tn("quick_keys.key_count", group.keys.length)),
        tools),
      h("div", { class: "card-body" },
        h("div", { dataset: { field: `${path}.keys` } }, h("p", { class: "field-error" })),
        group.keys.length === 0
          ? h("p", { class: "card-note" }, t("quick_keys.group_empty"))
          : h("ol", { class: "qk-keys" }, group.keys.map((key, ki) => keyRow(group, gi, key, ki)))));
  }

  function keyRow(group, gi, key, ki) {
    const path = `groups[${gi}].keys[${ki}]`;
    const id = `qk-${gi}-${ki}`;
    const tile = h("span", { class: `qk-tile qk-${key.colour}`, "aria-hidden": "true" }, key.label.trim() || key.name);
    const label = h("input", {
      id: `${id}-label`, class: "input", type: "text", value: key.label, maxlength: "40", placeholder: key.name,
      "aria-label": t("quick_keys.label_for", { name: key.name }), disabled: readOnly,
    });
    label.addEventListener("input", () => {
      key.label = label.value;
      tile.textContent = key.label.trim() || key.name;
    });
    const colour = h("select", {
      id: `${id}-colour`, class: "select", "aria-label": t("quick_keys.colour_for", { name: key.name }), disabled: readOnly,
    }, COLOURS.map((c) => h("option", { value: c }, t(`colour.${c}`))));
    colour.value = key.colour;
    colour.addEventListener("change", () => {
      key.colour = colour.value;
      tile.className = `qk-tile qk-${key.colour}`;
    });
    const others = state.groups.map((g, i) => ({ g, i })).filter(({ i }) => i !== gi);
    const moveTo = readOnly || others.length === 0 ? null : h("select", {
      class: "select qk-move", "aria-label": t("quick_keys.move_to", { name: key.name }),
      onchange: (event) => {
        const to = Number(event.target.value);
        group.keys.splice(ki, 1);
        state.groups[to].keys.push(key);
        changed();
      },
    }, h("option", { value: "" }, t("quick_keys.move")), others.map(({ g, i }) => h("option", { value: String(i) }, g.name || t("quick_keys.unnamed"))));
    return h("li", { class: "qk-key", dataset: { productId: key.product_id } },
      tile,
      h("div", { class: "qk-key-main" },
        h("div", { class: "qk-key-fields" },
          h("div", { class: "field grow", dataset: { field: `${path}.label` } }, label, h("p", { class: "field-error" })),
          h("div", { class: "field", dataset: { field: `${path}.colour` } }, colour, h("p", { class: "field-error" }))),
        h("div", { class: "cell-sub", dataset: { field: `${path}.product_id` } },
          h("span", { class: "mono" }, key.sku), " · ", key.name, " · ", formatMoney(key.price),
          key.sold_by_weight || key.unit !== "each" ? ` ${t(`unit.per.${key.unit}`)}` : "",
          h("p", { class: "field-error" }))),
      readOnly ? null : h("div", { class: "qk-key-tools" },
        iconButton("up", t("quick_keys.key_up", { name: key.name }), ki === 0, () => { move(group.keys, ki, ki - 1); changed(); }),
        iconButton("down", t("quick_keys.key_down", { name: key.name }), ki === group.keys.length - 1, () => { move(group.keys, ki, ki + 1); changed(); }),
        moveTo,
        iconButton("x", t("quick_keys.remove_key", { name: key.name }), false, () => { group.keys.splice(ki, 1); changed(); })));
  }

  function iconButton(name, label, disabled, onclick) {
    return h("button", { type: "button", class: "btn btn-icon btn-ghost", "aria-label": label, title: label, disabled, onclick }, icon(name));
  }

  function addGroup() {
    if (state.groups.length >= MAX_GROUPS) return;
    state.groups.push({ name: t("quick_keys.new_group", { n: state.groups.length + 1 }), keys: [] });
    target = state.groups.length - 1;
    changed();
    const input = document.getElementById(`qk-group-${target}`);
    input?.focus();
    input?.select();
  }

  async function removeGroup(gi) {
    state.groups.splice(gi, 1);
    target = Math.min(target, Math.max(0, state.groups.length - 1));
    changed();
  }

  // --------------------------------------------------------------- search

  let lastHits = [];
  async function runSearch() {
    const q = search.value.trim();
    controller?.abort();
    if (!q) {
      lastHits = [];
      renderResults(lastHits);
      return;
    }
    controller = new AbortController();
    const mine = controller;
    try {
      const answer = await api("GET", `/api/v1/catalog/search${query({ q, limit: 10 })}`, undefined, { signal: mine.signal });
      if (mine !== controller) return;
      lastHits = answer.items ?? [];
      renderResults(lastHits);
    } catch (err) {
      if (err.name === "AbortError" || mine !== controller) return;
      replace(results, h("li", { class: "alert alert-error" }, icon("alert"), h("span", {}, errorText(err))));
    }
  }
  const debouncedSearch = debounce(runSearch, SEARCH_DELAY_MS);
  search.addEventListener("input", debouncedSearch);
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    debouncedSearch.flush();
  });
  targetSelect.addEventListener("change", () => {
    target = Number(targetSelect.value);
    renderResults(lastHits);
  });

  function renderResults(hits) {
    if (!state || readOnly) return;
    if (search.value.trim() && hits.length === 0) {
      replace(results, h("li", { class: "card-note" }, t("quick_keys.no_match")));
      return;
    }
    const group = state.groups[target];
    replace(results, hits.map((hit) => {
      const taken = group?.keys.some((k) => k.product_id === hit.item_id);
      const full = (group?.keys.length ?? 0) >= MAX_KEYS;
      return h("li", { class: "qk-hit", dataset: { itemId: hit.item_id } },
        h("div", { class: "qk-hit-text" },
          h("strong", {}, hit.name),
          h("span", { class: "cell-sub" }, h("span", { class: "mono" }, hit.sku), " · ", formatMoney(hit.price))),
        h("button", {
          type: "button", class: "btn btn-secondary", disabled: !group || taken || full,
          "aria-label": t("quick_keys.add_to", { name: hit.name, group: group?.name ?? "" }),
          onclick: () => addKey(hit),
        }, icon("plus"), taken ? t("quick_keys.added") : t("common.add")));
    }));
  }

  function addKey(hit) {
    const group = state.groups[target];
    if (!group) return;
    group.keys.push({
      product_id: hit.item_id, label: "", colour: group.keys[group.keys.length - 1]?.colour ?? "slate",
      name: hit.name, sku: hit.sku, price: hit.price, sold_by_weight: hit.sold_by_weight, unit: hit.unit,
    });
    changed();
  }

  // ----------------------------------------------------------------- save

  async function save() {
    if (saving || !state) return;
    saving = true;
    saveButton.disabled = true;
    clearFieldErrors(container);
    setAlert(alert);
    try {
      const answer = await api("PUT", "/api/v1/store/quick-keys", body(state));
      setState(answer);
      toast(t("quick_keys.saved"), { kind: "success" });
    } catch (err) {
      showError(err);
    } finally {
      saving = false;
      saveButton.disabled = false;
    }
  }

  function showError(err) {
    if (err.code === "version_conflict") {
      setAlert(alert, t("quick_keys.conflict"),
        h("button", { type: "button", class: "btn btn-secondary", id: "qk-reload", onclick: load }, t("quick_keys.reload")));
      return;
    }
    const list = Array.isArray(err.details?.errors) ? err.details.errors : [];
    if (err.code !== "validation_failed" || list.length === 0) {
      setAlert(alert, errorText(err));
      return;
    }
    const unmatched = list.filter((e) => !setFieldError(container, e.field, e.reason)).map((e) => `${e.field}: ${e.reason}`);
    setAlert(alert, t("quick_keys.invalid", { count: list.length }),
      unmatched.length ? h("ul", {}, unmatched.map((m) => h("li", {}, m))) : null);
    focusFirstInvalid(container);
  }

  load();
  return {
    isDirty,
    unmount() {
      disposed = true;
      debouncedSearch.cancel();
      controller?.abort();
    },
  };
}
