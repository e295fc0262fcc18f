// The store's stock locations and policy: #/stock/settings lists the locations (a manager
// adds one: backroom, warehouse, and renames any: the first is seeded as "Sales floor"), the
// one sales move stock at, and whether a sale may take it below zero (allow and flag) or is
// refused.

import { api } from "../common/api.js";
import { errorText, h, icon, openDialog, replace, toast } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { locations } from "./stock-ui.js";
import { clearFieldErrors, field, pageHeader, selectInput, setAlert, showApiFieldErrors, textInput } from "./ui.js";

export function mount(container, ctx) {
  ctx.setTitle(t("stock.settings_title"));
  const manage = ctx.can("stock_manage");
  const tbody = h("tbody", {});
  const failed = h("div", { class: "alert alert-error", role: "alert", hidden: true, id: "stock-settings-failed" });

  // ------------------------------------------------------------------ policy
  const selling = selectInput("selling-location", [], { disabled: !manage });
  const negative = selectInput("negative-stock", [
    { value: "allow", label: t("stock.negative_allow") },
    { value: "refuse", label: t("stock.negative_refuse") },
  ], { disabled: !manage });
  const policyAlert = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const policyForm = h("form", { class: "card-body stack", id: "stock-policy", novalidate: true },
    h("div", { class: "form-grid" },
      field({ name: "selling_location_id", id: "selling-location", label: t("stock.selling_location"), control: selling, hint: t("stock.selling_hint") }),
      field({ name: "negative_stock", id: "negative-stock", label: t("stock.negative_label"), control: negative, hint: t("stock.negative_hint") })),
    policyAlert,
    manage ? h("div", {}, h("button", { type: "submit", class: "btn btn-primary", id: "stock-policy-save" }, icon("check"), t("stock.save"))) : null);
  policyForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(policyForm);
    setAlert(policyAlert);
    try {
      await api("PATCH", "/api/v1/stock/settings", { selling_location_id: selling.value, negative_stock: negative.value });
      toast(t("stock.saved"), { kind: "success" });
      load();
    } catch (err) {
      const rest = showApiFieldErrors(policyForm, err);
      if (rest.length) setAlert(policyAlert, rest.join(" "));
    }
  });

  // ------------------------------------------------------------- new location
  const code = textInput("location-code", { maxlength: "20", spellcheck: "false" });
  const name = textInput("location-name", { maxlength: "80" });
  const addAlert = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const addForm = h("form", { class: "card-body stack", id: "location-form", novalidate: true },
    h("div", { class: "form-grid" },
      field({ name: "code", id: "location-code", label: t("stock.location_code"), control: code, hint: t("stock.location_code_hint"), required: true }),
      field({ name: "name", id: "location-name", label: t("stock.location_name"), control: name, required: true })),
    addAlert,
    h("div", {}, h("button", { type: "submit", class: "btn btn-primary", id: "location-add" }, icon("plus"), t("stock.location_add"))));
  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(addForm);
    setAlert(addAlert);
    try {
      await api("POST", "/api/v1/stock/locations", { code: code.value.trim(), name: name.value.trim() });
      code.value = "";
      name.value = "";
      toast(t("stock.location_added"), { kind: "success" });
      load();
    } catch (err) {
      const rest = showApiFieldErrors(addForm, err);
      if (rest.length) setAlert(addAlert, rest.join(" "));
    }
  });

  // ---------------------------------------------------------- rename a location
  async function rename(location) {
    const input = textInput("location-rename-name", { maxlength: "80", value: location.name });
    const error = h("p", { class: "field-error", id: "location-rename-error", role: "alert" });
    const save = async (close) => {
      error.textContent = "";
      try {
        close(await api("PATCH", `/api/v1/stock/locations/${encodeURIComponent(location.id)}`, { name: input.value.trim() }));
      } catch (err) {
        const reason = err.details?.errors?.find((e) => e.field === "name")?.code;
        error.textContent = reason === "taken" ? t("stock.location_name_taken")
          : reason === "invalid" ? t("stock.location_name_invalid") : errorText(err);
        input.focus();
      }
    };
    const renamed = await openDialog({
      title: t("stock.location_rename_title", { code: location.code }),
      id: "location-rename-dialog",
      body: (close) => h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); save(close); } },
        h("label", { for: "location-rename-name" }, t("stock.location_name")), input, error),
      actions: (close) => [
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => close() }, t("common.cancel")),
        h("button", { type: "button", class: "btn btn-primary", id: "location-rename-save", onclick: () => save(close) }, icon("check"), t("stock.save")),
      ],
    });
    if (renamed) {
      toast(t("stock.location_renamed", { name: renamed.name }), { kind: "success" });
      load();
    }
  }

  async function load() {
    try {
      const [list, settings] = await Promise.all([locations({ fresh: true }), api("GET", "/api/v1/stock/settings")]);
      replace(tbody, list.map((l) => h("tr", { dataset: { locationId: l.id, code: l.code } },
        h("td", { class: "mono", dataset: { label: t("stock.location_code") } }, l.code),
        h("td", { class: "cell-strong", dataset: { label: t("stock.location_name") } }, l.name),
        h("td", { dataset: { label: t("stock.status") } },
          l.selling ? h("span", { class: "badge badge-info" }, t("stock.selling_badge")) : null,
          l.active ? null : h("span", { class: "badge badge-neutral" }, t("stock.inactive"))),
        manage ? h("td", { class: "num" }, h("button", {
          type: "button", class: "btn btn-secondary btn-sm", dataset: { rename: l.code }, onclick: () => rename(l),
        }, t("stock.location_rename"))) : null)));
      replace(selling, list.filter((l) => l.active).map((l) => h("option", { value: l.id }, `${l.name} (${l.code})`)));
      selling.value = settings.selling_location_id ?? "";
      negative.value = settings.negative_stock;
      setAlert(failed);
    } catch (err) {
      setAlert(failed, errorText(err));
    }
  }

  container.append(
    pageHeader({ title: t("stock.settings_title"), subtitle: h("span", { class: "crumb" }, t("stock.settings_subtitle")) }),
    h("div", { class: "page-body stack" },
      failed,
      h("section", { class: "card" }, h("div", { class: "card-header" }, h("h2", {}, t("stock.policy_title"))), policyForm),
      h("section", { class: "card card-flush" },
        h("div", { class: "card-header" }, h("h2", {}, t("stock.locations_title"))),
        h("div", { class: "table-wrap" },
          h("table", { class: "table data-list", id: "locations-table" },
            h("thead", {}, h("tr", {},
              h("th", { scope: "col" }, t("stock.location_code")),
              h("th", { scope: "col" }, t("stock.location_name")),
              h("th", { scope: "col" }, t("stock.status")),
              manage ? h("th", { scope: "col", class: "num" }, h("span", { class: "sr-only" }, t("stock.location_rename"))) : null)),
            tbody)),
        manage ? addForm : null)));
  load();
  return {};
}
