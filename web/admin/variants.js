// Variants of a product: a sub-table and a dialog to add or edit one.

import { api } from "../common/api.js";
import { errorText, h, icon, openDialog, replace, toast } from "../common/dom.js";
import { formatMoney, formatMoneyInput, t } from "../common/i18n.js";
import { barcodeProblem, statusBadge } from "./product-ui.js";
import {
  checkbox, clearFieldErrors, field, focusFirstInvalid, moneyInput, readMoney,
  setAlert, setFieldError, showApiFieldErrors, textInput,
} from "./ui.js";

/** "size=M, colour=Blue" -> {size: "M", colour: "Blue"}; throws on a part without "=" or ":". */
export function parseAttributes(text) {
  const out = {};
  for (const part of text.split(/[,;\n]/)) {
    if (!part.trim()) continue;
    const match = part.match(/^\s*([^=:]+?)\s*[=:]\s*(.+?)\s*$/);
    if (!match) throw new Error(part.trim());
    out[match[1]] = match[2];
  }
  return out;
}

function formatAttributes(attributes) {
  return Object.entries(attributes ?? {}).map(([k, v]) => `${k}=${v}`).join(", ");
}

/** The card listing a product's variants; `update(product)` redraws it. */
export function variantsCard({ ctx, currency, readOnly, getProduct, onChanged }) {
  const tbody = h("tbody", {});
  const count = h("span", { class: "badge badge-neutral badge-plain", id: "variant-count" });
  const add = readOnly ? null : h("button", {
    type: "button", id: "add-variant", class: "btn btn-secondary", onclick: () => edit(null),
  }, icon("plus"), t("variants.add"));

  const element = h("section", { class: "card card-flush", id: "variants" },
    h("div", { class: "card-header" },
      h("h2", {}, t("product.variants")), count,
      h("div", { class: "card-actions" }, add)),
    h("div", { class: "table-wrap" },
      h("table", { class: "table", id: "variants-table" },
        h("thead", {},
          h("tr", {},
            h("th", { scope: "col" }, t("product.sku")),
            h("th", { scope: "col" }, t("product.name")),
            h("th", { scope: "col" }, t("variants.attributes")),
            h("th", { scope: "col", class: "num" }, t("product.price")),
            h("th", { scope: "col" }, t("product.barcodes")),
            h("th", { scope: "col" }, t("product.status")))),
        tbody)));

  function update(product) {
    const variants = product.variants ?? [];
    count.textContent = String(variants.length);
    if (variants.length === 0) {
      replace(tbody, h("tr", { class: "table-empty" }, h("td", { colspan: "6" }, t("variants.none"))));
      return;
    }
    replace(tbody, variants.map((v) => h("tr", {
      class: readOnly ? (v.active === false ? "is-inactive" : "") : `clickable${v.active === false ? " is-inactive" : ""}`,
      tabindex: readOnly ? null : "0",
      dataset: { variantId: v.id },
      onclick: readOnly ? null : () => edit(v),
      onkeydown: readOnly ? null : (event) => {
        if (event.key === "Enter") edit(v);
      },
    },
    h("td", { class: "mono nowrap" }, v.sku),
    h("td", { class: "cell-strong" }, v.name),
    h("td", {}, Object.entries(v.attributes ?? {}).map(([k, val]) =>
      h("span", { class: "badge badge-info badge-plain attr" }, `${k}: ${val}`))),
    h("td", { class: "num" }, v.price ? formatMoney(v.price) : h("span", { class: "muted" }, t("variants.same_price"))),
    h("td", { class: "code-list" }, (v.barcodes ?? []).join(", ") || h("span", { class: "muted" }, t("common.none"))),
    h("td", {}, statusBadge(v.active !== false)))));
  }

  async function edit(variant) {
    const saved = await variantDialog({ product: getProduct(), variant, currency });
    if (!saved) return;
    toast(variant ? t("variants.saved") : t("variants.created"), { kind: "success" });
    try {
      await onChanged();
    } catch (err) {
      toast(errorText(err), { kind: "error" });
    }
  }

  return { element, update };
}

function variantDialog({ product, variant, currency }) {
  const c = {
    sku: textInput("variant-sku", { required: true, class: "input mono", spellcheck: "false" }),
    name: textInput("variant-name", { required: true }),
    attributes: textInput("variant-attributes", { placeholder: t("variants.attributes_placeholder") }),
    price: moneyInput("variant-price", currency, { placeholder: formatMoneyInput(product.price) }),
    barcodes: textInput("variant-barcodes", { class: "input mono", spellcheck: "false" }),
    active: checkbox("variant-active", t("product.active_hint")),
  };
  const priceInput = c.price.querySelector("input");
  const activeInput = c.active.querySelector("input");
  c.sku.value = variant?.sku ?? "";
  c.name.value = variant?.name ?? "";
  c.attributes.value = formatAttributes(variant?.attributes);
  priceInput.value = variant?.price ? formatMoneyInput(variant.price) : "";
  c.barcodes.value = (variant?.barcodes ?? []).join(" ");
  activeInput.checked = variant?.active !== false;

  const alert = h("div", { class: "alert alert-error", role: "alert", id: "variant-error", hidden: true });

  return openDialog({
    id: "variant-dialog",
    wide: true,
    title: variant ? t("variants.edit_title", { name: variant.name }) : t("variants.add_title"),
    body: (close) => {
      const form = h("form", { id: "variant-form", class: "stack", novalidate: true },
        alert,
        h("div", { class: "form-grid" },
          field({ name: "sku", id: "variant-sku", label: t("product.sku"), control: c.sku, required: true }),
          field({ name: "name", id: "variant-name", label: t("product.name"), control: c.name, required: true }),
          field({ name: "attributes", id: "variant-attributes", label: t("variants.attributes"), control: c.attributes, hint: t("variants.attributes_hint") }),
          field({ name: "price", id: "variant-price", label: t("product.price"), control: c.price, hint: t("variants.price_hint") }),
          field({ name: "barcodes", id: "variant-barcodes", label: t("product.barcodes"), control: c.barcodes, hint: t("variants.barcodes_hint"), span: true }),
          h("div", { class: "field span-2", dataset: { field: "active" } }, c.active, h("p", { class: "field-error" }))));
      form.addEventListener("submit", (event) => submit(event, form, close));
      queueMicrotask(() => c.sku.focus());
      return form;
    },
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")),
      h("button", { type: "submit", form: "variant-form", id: "save-variant", class: "btn btn-primary" },
        icon("check"), t("common.save")),
    ],
  });

  async function submit(event, form, close) {
    event.preventDefault();
    clearFieldErrors(form);
    setAlert(alert);
    const problems = [];
    const payload = {
      sku: c.sku.value.trim(),
      name: c.name.value.trim(),
      attributes: {},
      price: null,
      barcodes: c.barcodes.value.split(/[\s,;]+/).filter(Boolean),
      active: activeInput.checked,
    };
    if (!payload.sku) problems.push(["sku", t("reason.required")]);
    if (!payload.name) problems.push(["name", t("reason.required")]);
    try {
      payload.attributes = parseAttributes(c.attributes.value);
    } catch (err) {
      problems.push(["attributes", t("variants.attributes_invalid", { part: err.message })]);
    }
    try {
      payload.price = readMoney(priceInput, currency);
    } catch (err) {
      problems.push(["price", errorText(err)]);
    }
    for (const code of payload.barcodes) {
      const problem = barcodeProblem(code);
      if (problem) problems.push(["barcodes", `${code}: ${problem}`]);
    }
    if (problems.length) {
      for (const [name, message] of problems) setFieldError(form, name, message);
      focusFirstInvalid(form);
      return;
    }
    const button = document.getElementById("save-variant");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      const saved = variant
        ? await api("PATCH", `/api/v1/variants/${encodeURIComponent(variant.id)}`, payload)
        : await api("POST", `/api/v1/products/${encodeURIComponent(product.id)}/variants`, payload);
      close(saved ?? true);
    } catch (err) {
      if (err.status === 422) {
        const rest = showApiFieldErrors(form, err);
        setAlert(alert, rest.length ? rest.map((m) => h("div", {}, m)) : t("product.fix_errors"));
        focusFirstInvalid(form);
      } else if (err.code === "duplicate_sku") {
        setFieldError(form, "sku", t("product.duplicate_sku"));
        focusFirstInvalid(form);
      } else if (err.code === "duplicate_barcode") {
        setFieldError(form, "barcodes", t("product.duplicate_barcode", { barcode: err.details?.barcode ?? "" }));
        focusFirstInvalid(form);
      } else {
        setAlert(alert, errorText(err));
      }
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }
}
