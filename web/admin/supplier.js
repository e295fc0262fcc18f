// One supplier (#/suppliers/:id, #/suppliers/new): its details in a form, and what it
// supplies (reference, cost, pack size, preferred) — an item is added by scanning or typing
// its barcode or SKU.

import { api } from "../common/api.js";
import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatMoney, formatMoneyInput, t } from "../common/i18n.js";
import { checkbox, clearFieldErrors, field, focusFirstInvalid, moneyInput, pageHeader, readMoney, setAlert, showApiFieldErrors, textInput } from "./ui.js";

export function mount(container, ctx, route) {
  const creating = !route.id || route.id === "new";
  const editable = ctx.can("purchasing");
  ctx.setTitle(t("purchasing.supplier"));
  const body = h("div", { class: "page-body stack" }, h("div", { class: "loading" }, t("common.loading")));
  container.append(pageHeader({ title: creating ? t("purchasing.new_supplier") : t("purchasing.supplier"), titleId: "supplier-title" }), body);
  if (creating) render(null);
  else api("GET", `/api/v1/suppliers/${route.id}`).then(render, (err) => replace(body, h("div", { class: "alert alert-error" }, errorText(err))));

  function render(s) {
    const currency = s?.currency ?? ctx.currency;
    const inputs = {
      name: textInput("supplier-name", { maxlength: 120, value: s?.name ?? "" }),
      code: textInput("supplier-code", { maxlength: 32, value: s?.code ?? "" }),
      contact: textInput("supplier-contact", { maxlength: 120, value: s?.contact ?? "" }),
      email: textInput("supplier-email", { type: "email", maxlength: 200, value: s?.email ?? "" }),
      phone: textInput("supplier-phone", { maxlength: 50, value: s?.phone ?? "" }),
      lead_time_days: textInput("supplier-lead", { inputmode: "numeric", value: String(s?.lead_time_days ?? 7) }),
      min_order: moneyInput("supplier-min", currency),
      currency: textInput("supplier-currency", { maxlength: 3, value: currency }),
    };
    if (s) inputs.min_order.querySelector("input").value = formatMoneyInput({ amount: s.min_order, currency });
    const active = checkbox("supplier-active", t("purchasing.active"), { checked: s?.active ?? true });
    const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
    const save = h("button", { type: "submit", class: "btn btn-primary", id: "supplier-save", disabled: !editable }, icon("check"), t("purchasing.save"));
    const form = h("form", { class: "form-grid card card-body", id: "supplier-form", novalidate: true },
      field({ name: "name", id: "supplier-name", label: t("purchasing.name"), control: inputs.name, required: true }),
      field({ name: "code", id: "supplier-code", label: t("purchasing.code"), control: inputs.code }),
      field({ name: "contact", id: "supplier-contact", label: t("purchasing.contact"), control: inputs.contact }),
      field({ name: "email", id: "supplier-email", label: t("purchasing.email"), control: inputs.email }),
      field({ name: "phone", id: "supplier-phone", label: t("purchasing.phone"), control: inputs.phone }),
      field({ name: "lead_time_days", id: "supplier-lead", label: t("purchasing.lead_time_days"), control: inputs.lead_time_days }),
      field({ name: "min_order", id: "supplier-min", label: t("purchasing.min_order"), control: inputs.min_order }),
      field({ name: "currency", id: "supplier-currency", label: t("purchasing.currency"), control: inputs.currency }),
      h("div", { class: "span-2" }, active),
      h("div", { class: "span-2" }, alertBox),
      h("div", { class: "span-2" }, save));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      setAlert(alertBox);
      let minOrder;
      try {
        minOrder = readMoney(inputs.min_order.querySelector("input"), currency) ?? 0;
      } catch (err) {
        setAlert(alertBox, err.message);
        return;
      }
      const payload = {
        name: inputs.name.value, code: inputs.code.value, contact: inputs.contact.value, email: inputs.email.value,
        phone: inputs.phone.value, lead_time_days: Number.parseInt(inputs.lead_time_days.value, 10),
        min_order: minOrder, currency: inputs.currency.value.trim() || undefined, active: active.querySelector("input").checked,
      };
      if (Number.isNaN(payload.lead_time_days)) payload.lead_time_days = -1;
      save.disabled = true;
      try {
        const saved = creating ? await api("POST", "/api/v1/suppliers", payload) : await api("PATCH", `/api/v1/suppliers/${s.id}`, payload);
        toast(t("purchasing.saved"), { kind: "success" });
        if (creating) ctx.navigate(`#/suppliers/${saved.id}`, { replace: true });
      } catch (err) {
        const unmatched = showApiFieldErrors(form, err);
        focusFirstInvalid(form);
        setAlert(alertBox, unmatched.length ? unmatched.join(" ") : null);
      } finally {
        save.disabled = !editable;
      }
    });
    replace(body, form, s ? itemsCard(s) : null);
  }

  function itemsCard(s) {
    const rows = h("tbody", { id: "supplier-items" });
    const card = h("section", { class: "card" },
      h("header", { class: "card-header" }, h("h2", {}, t("purchasing.supplied_items"))),
      editable ? addForm(s, rows) : null,
      h("div", { class: "table-wrap" }, h("table", { class: "table" },
        h("thead", {}, h("tr", {}, ["sku", "name", "supplier_ref", "unit_cost", "pack_size", "preferred", ""].map((k) => h("th", {}, k ? t(`purchasing.${k}`) : "")))),
        rows)));
    load(s, rows);
    return card;
  }

  async function load(s, rows) {
    try {
      const list = await api("GET", `/api/v1/suppliers/${s.id}/items`);
      fill(s, rows, list.items);
    } catch (err) {
      replace(rows, h("tr", {}, h("td", { colspan: 7 }, errorText(err))));
    }
  }

  function fill(s, rows, items) {
    replace(rows, items.length ? items.map((i) => h("tr", { dataset: { itemId: i.item_id } },
      h("td", { class: "mono" }, i.sku), h("td", {}, i.name), h("td", { class: "mono" }, i.supplier_ref ?? ""),
      h("td", { class: "num" }, formatMoney({ amount: i.unit_cost, currency: s.currency })),
      h("td", { class: "num" }, i.pack_size ?? ""),
      h("td", {}, i.preferred ? h("span", { class: "badge badge-success" }, t("purchasing.preferred")) : ""),
      h("td", { class: "num" }, editable ? h("button", { type: "button", class: "btn btn-ghost btn-sm", "aria-label": t("purchasing.remove"), onclick: async () => {
        try {
          await api("DELETE", `/api/v1/suppliers/${s.id}/items/${i.item_id}`);
          load(s, rows);
        } catch (err) {
          toast(errorText(err), { kind: "error" });
        }
      } }, icon("trash")) : null)))
      : h("tr", {}, h("td", { colspan: 7, class: "table-empty" }, t("purchasing.no_items"))));
  }

  function addForm(s, rows) {
    const code = textInput("supplier-item-code", { placeholder: t("purchasing.scan_or_sku") });
    const ref = textInput("supplier-item-ref", { maxlength: 64 });
    const cost = moneyInput("supplier-item-cost", s.currency);
    const pack = textInput("supplier-item-pack", { inputmode: "decimal" });
    const preferred = checkbox("supplier-item-preferred", t("purchasing.preferred"), { checked: true });
    const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
    const form = h("form", { class: "form-grid-3 card-body", id: "supplier-item-form", novalidate: true },
      field({ name: "code", id: "supplier-item-code", label: t("purchasing.item"), control: code }),
      field({ name: "supplier_ref", id: "supplier-item-ref", label: t("purchasing.supplier_ref"), control: ref }),
      field({ name: "unit_cost", id: "supplier-item-cost", label: t("purchasing.unit_cost"), control: cost }),
      field({ name: "pack_size", id: "supplier-item-pack", label: t("purchasing.pack_size"), control: pack }),
      h("div", {}, preferred),
      h("div", {}, h("button", { type: "submit", class: "btn btn-secondary", id: "supplier-item-add" }, icon("plus"), t("purchasing.add"))),
      h("div", { class: "span-2" }, alertBox));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      setAlert(alertBox);
      try {
        const found = await api("GET", `/api/v1/catalog/lookup?code=${encodeURIComponent(code.value.trim())}`);
        const unitCost = readMoney(cost.querySelector("input"), s.currency, { required: true });
        const list = await api("PUT", `/api/v1/suppliers/${s.id}/items/${found.item.item_id}`, {
          supplier_ref: ref.value.trim() || null, unit_cost: unitCost, pack_size: pack.value.trim() || null,
          preferred: preferred.querySelector("input").checked,
        });
        fill(s, rows, list.items);
        form.reset();
        code.focus();
      } catch (err) {
        const unmatched = err.fields ? showApiFieldErrors(form, err) : [errorText(err)];
        setAlert(alertBox, unmatched.length ? unmatched.join(" ") : null);
      }
    });
    return form;
  }
  return {};
}
