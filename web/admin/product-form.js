// Product create/edit form. Saves send only the changed fields plus the
// version the form was loaded at (optimistic locking); API field errors are
// shown next to their fields. Cashiers see the same page read-only.

import { api } from "../common/api.js";
import { confirmDialog, errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatDateTime, formatMoneyInput, formatNumber, t } from "../common/i18n.js";
import { barcodeProblem, categoryLabel, statusBadge } from "./product-ui.js";
import {
  checkbox, clearFieldErrors, field, focusFirstInvalid, moneyInput, pageHeader, readMoney,
  selectInput, setAlert, setFieldError, setSelectValue, showApiFieldErrors, textInput,
} from "./ui.js";
import { variantsCard } from "./variants.js";

export const UNITS = ["each", "kg", "l", "m"];
export const TAX_CATEGORIES = ["standard", "intermediate", "reduced", "super_reduced"];

const NEW_PRODUCT = {
  sku: "", name: "", brand: null, description: null, category_id: null, unit: "each",
  sold_by_weight: false, price: null, cost: null, tax_category: "standard", supplier_id: null,
  supplier_ref: null, active: true, barcodes: [], variants: [],
};

/** The editable fields of a product, in the shape the API takes them. */
function snapshot(p) {
  const money = (m) => (m ? { amount: m.amount, currency: m.currency } : null);
  return {
    sku: p.sku ?? "",
    name: p.name ?? "",
    brand: p.brand ?? null,
    description: p.description ?? null,
    category_id: p.category_id ?? null,
    unit: p.unit ?? "each",
    sold_by_weight: Boolean(p.sold_by_weight),
    price: money(p.price),
    cost: money(p.cost),
    tax_category: p.tax_category ?? "standard",
    supplier_id: p.supplier_id ?? null,
    supplier_ref: p.supplier_ref ?? null,
    barcodes: [...(p.barcodes ?? [])],
  };
}

export function mount(container, ctx, route) {
  const isNew = route.id === null;
  const readOnly = !ctx.can("catalog_write");
  let product = null;
  let original = null;
  let baseline = "";
  let saving = false;
  let disposed = false;
  let form = null;
  let rawState = () => "";

  ctx.setTitle(isNew ? t("product.new_title") : t("product.edit_title"));
  container.append(h("div", { class: "loading" }, h("div", { class: "spinner" }), t("common.loading")));

  Promise.all([
    isNew ? Promise.resolve(structuredClone(NEW_PRODUCT)) : api("GET", `/api/v1/products/${encodeURIComponent(route.id)}`),
    ctx.categories().catch(() => []),
    ctx.suppliers().catch(() => []),
  ]).then(([p, categories, suppliers]) => {
    if (disposed) return;
    product = p;
    original = snapshot(p);
    render(categories, suppliers);
  }).catch((err) => {
    if (disposed) return;
    replace(container,
      pageHeader({ title: t("product.edit_title"), crumb: backLink() }),
      h("div", { class: "page-body" },
        h("div", { class: "alert alert-error", role: "alert", id: "form-error" }, icon("alert"),
          h("span", {}, errorText(err)),
          h("button", { type: "button", class: "btn btn-secondary", onclick: () => ctx.navigate(location.hash, { replace: true }) },
            t("common.retry")))));
  });

  function backLink() {
    return h("a", { href: "#/products", class: "crumb", id: "back-to-products" }, `← ${t("products.title")}`);
  }

  function render(categories, suppliers) {
    const currency = product.price?.currency ?? ctx.currency;
    const c = {
      sku: textInput("sku", { required: true, maxlength: "64", spellcheck: "false", class: "input mono" }),
      name: textInput("name", { required: true, maxlength: "200" }),
      brand: textInput("brand", { maxlength: "120" }),
      description: h("textarea", { id: "description", name: "description", class: "textarea", rows: "3", maxlength: "2000" }),
      category_id: selectInput("category_id", [{ value: "", label: t("product.no_category") }].concat(
        [...categories].sort((a, b) => categoryLabel(a).localeCompare(categoryLabel(b)))
          .map((cat) => ({ value: cat.id, label: categoryLabel(cat) })))),
      unit: selectInput("unit", UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))),
      sold_by_weight: checkbox("sold_by_weight", t("product.sold_by_weight")),
      price: moneyInput("price", currency, { required: true }),
      cost: moneyInput("cost", currency),
      tax_category: selectInput("tax_category", TAX_CATEGORIES.map((v) => ({ value: v, label: t(`tax.${v}`) }))),
      supplier_id: selectInput("supplier_id", [{ value: "", label: t("product.no_supplier") }].concat(
        suppliers.map((s) => ({ value: s.id, label: s.name })))),
      supplier_ref: textInput("supplier_ref", { maxlength: "64", spellcheck: "false" }),
      active: checkbox("active", t("product.active_hint")),
    };
    const input = (name) => (c[name].matches("input, select, textarea") ? c[name] : c[name].querySelector("input"));
    const barcodes = barcodeEditor();
    const priceHint = h("span", {});
    const formAlert = h("div", { class: "alert alert-error", role: "alert", id: "form-error", hidden: true });
    const titleEl = h("h1", { id: "product-title" });
    const badgeSlot = h("span", {});
    const meta = h("dl", { class: "kv", id: "product-meta" });

    const saveButton = readOnly ? null : h("button", {
      type: "submit", id: "save-product", form: "product-form", class: "btn btn-primary", "data-test": "save-product",
    }, icon("check"), isNew ? t("product.create") : t("common.save"));
    const toggleButton = readOnly || isNew ? null : h("button", { type: "button", id: "toggle-active", class: "btn", onclick: toggleActive });

    form = h("form", { id: "product-form", novalidate: true, "data-test": "product-form", onsubmit: save },
      h("fieldset", { class: "plain", disabled: readOnly },
        h("legend", { class: "sr-only" }, t("product.edit_title")),
        h("div", { class: "layout-2col" },
          h("div", { class: "stack" },
            h("section", { class: "card" },
              h("div", { class: "card-header" }, h("h2", {}, t("product.section_details"))),
              h("div", { class: "card-body form-grid" },
                field({ name: "sku", id: "sku", label: t("product.sku"), control: c.sku, required: true }),
                field({ name: "name", id: "name", label: t("product.name"), control: c.name, required: true }),
                field({ name: "brand", id: "brand", label: t("product.brand"), control: c.brand }),
                field({ name: "category_id", id: "category_id", label: t("product.category"), control: c.category_id }),
                field({ name: "description", id: "description", label: t("product.description"), control: c.description, span: true }))),
            h("section", { class: "card" },
              h("div", { class: "card-header" }, h("h2", {}, t("product.section_pricing"))),
              h("div", { class: "card-body form-grid" },
                field({ name: "price", id: "price", label: t("product.price"), control: c.price, required: true, hint: priceHint }),
                field({ name: "cost", id: "cost", label: t("product.cost"), control: c.cost, hint: t("product.cost_hint") }),
                field({ name: "tax_category", id: "tax_category", label: t("product.tax_category"), control: c.tax_category }),
                field({ name: "unit", id: "unit", label: t("product.unit"), control: c.unit }),
                h("div", { class: "field span-2", dataset: { field: "sold_by_weight" } }, c.sold_by_weight,
                  h("p", { class: "hint" }, t("product.sold_by_weight_hint")),
                  h("p", { class: "field-error", id: "sold_by_weight-error" }))))),
          h("div", { class: "stack" },
            h("section", { class: "card" },
              h("div", { class: "card-header" }, h("h2", {}, t("product.section_status"))),
              h("div", { class: "card-body" },
                isNew ? h("div", { class: "field", dataset: { field: "active" } }, c.active,
                  h("p", { class: "field-error", id: "active-error" })) : meta)),
            h("section", { class: "card" },
              h("div", { class: "card-header" }, h("h2", {}, t("product.section_supply"))),
              h("div", { class: "card-body stack" },
                field({ name: "supplier_id", id: "supplier_id", label: t("product.supplier"), control: c.supplier_id }),
                field({ name: "supplier_ref", id: "supplier_ref", label: t("product.supplier_ref"), control: c.supplier_ref }))),
            h("section", { class: "card" },
              h("div", { class: "card-header" }, h("h2", {}, t("product.barcodes"))),
              h("div", { class: "card-body" }, barcodes.element))))));

    const variants = isNew ? null : variantsCard({
      ctx,
      currency,
      readOnly,
      getProduct: () => product,
      onChanged: refreshAfterVariant,
    });

    replace(container,
      pageHeader({
        title: titleEl,
        crumb: backLink(),
        badge: badgeSlot,
        actions: [toggleButton, saveButton],
      }),
      h("div", { class: "page-body" },
        readOnly ? h("div", { class: "alert alert-info", id: "read-only-notice" }, icon("lock"),
          h("span", {}, t("product.read_only", { role: t(`role.${ctx.user.role}`) }))) : null,
        formAlert,
        form,
        variants?.element ?? (isNew ? h("p", { class: "card-note" }, t("variants.after_create")) : null)));

    function fill(p) {
      const s = snapshot(p);
      c.sku.value = s.sku;
      c.name.value = s.name;
      c.brand.value = s.brand ?? "";
      c.description.value = s.description ?? "";
      setSelectValue(c.category_id, s.category_id, p.category_name);
      setSelectValue(c.unit, s.unit);
      input("sold_by_weight").checked = s.sold_by_weight;
      input("price").value = s.price ? formatMoneyInput(s.price) : "";
      input("cost").value = s.cost ? formatMoneyInput(s.cost) : "";
      setSelectValue(c.tax_category, s.tax_category);
      setSelectValue(c.supplier_id, s.supplier_id);
      c.supplier_ref.value = s.supplier_ref ?? "";
      input("active").checked = p.active !== false;
      barcodes.set(s.barcodes);
      updateUnitHint();
      updateHeader();
      variants?.update(p);
    }

    function updateHeader() {
      titleEl.textContent = isNew ? t("product.new_title") : product.name;
      replace(badgeSlot, isNew ? null : statusBadge(product.active, "product-status"));
      if (toggleButton) {
        toggleButton.className = `btn ${product.active ? "btn-danger-outline" : "btn-secondary"}`;
        toggleButton.textContent = product.active ? t("product.deactivate") : t("product.activate");
      }
      if (!isNew) {
        ctx.setTitle(product.name);
        replace(meta,
          h("dt", {}, t("product.status")), h("dd", {}, statusBadge(product.active)),
          h("dt", {}, t("product.variants")), h("dd", {}, formatNumber(product.variants?.length ?? 0)),
          h("dt", {}, t("product.version")), h("dd", { id: "product-version" }, formatNumber(product.version ?? 0)),
          h("dt", {}, t("product.updated_at")), h("dd", {}, formatDateTime(product.updated_at) || t("common.none")));
      }
    }

    function updateUnitHint() {
      priceHint.textContent = t(`product.price_hint.${c.unit.value}`);
    }
    c.unit.addEventListener("change", updateUnitHint);
    input("sold_by_weight").addEventListener("change", () => {
      if (input("sold_by_weight").checked && c.unit.value === "each") {
        c.unit.value = "kg";
        updateUnitHint();
      }
    });

    /** Reads the form; returns the values and the list of client-side problems. */
    function read() {
      const problems = [];
      const values = {
        sku: c.sku.value.trim(),
        name: c.name.value.trim(),
        brand: c.brand.value.trim() || null,
        description: c.description.value.trim() || null,
        category_id: c.category_id.value || null,
        unit: c.unit.value,
        sold_by_weight: input("sold_by_weight").checked,
        price: null,
        cost: null,
        tax_category: c.tax_category.value,
        supplier_id: c.supplier_id.value || null,
        supplier_ref: c.supplier_ref.value.trim() || null,
        barcodes: barcodes.get(),
      };
      if (!values.sku) problems.push(["sku", t("reason.required")]);
      if (!values.name) problems.push(["name", t("reason.required")]);
      for (const name of ["price", "cost"]) {
        try {
          values[name] = readMoney(input(name), currency, { required: name === "price" });
        } catch (err) {
          problems.push([name, errorText(err)]);
        }
      }
      return { values, problems };
    }

    rawState = () => JSON.stringify([
      ...[...form.elements].filter((el) => el.id && !el.id.startsWith("barcode-input"))
        .map((el) => (el.type === "checkbox" ? el.checked : el.value)),
      barcodes.get(),
    ]);

    async function save(event) {
      event.preventDefault();
      if (readOnly || saving) return;
      clearFieldErrors(form);
      setAlert(formAlert);
      const { values, problems } = read();
      if (problems.length) {
        for (const [name, message] of problems) setFieldError(form, name, message);
        setAlert(formAlert, t("product.fix_errors"));
        focusFirstInvalid(form);
        return;
      }
      const body = isNew ? { ...values, active: input("active").checked } : changes(values);
      if (!isNew && Object.keys(body).length === 0) {
        toast(t("product.no_changes"));
        return;
      }
      saving = true;
      saveButton.disabled = true;
      saveButton.setAttribute("aria-busy", "true");
      try {
        if (isNew) {
          const created = await api("POST", "/api/v1/products", body);
          baseline = rawState(); // nothing left unsaved before leaving
          toast(t("product.created", { name: created.name }), { kind: "success" });
          ctx.navigate(`#/products/${encodeURIComponent(created.id)}`, { replace: true });
          return;
        }
        const updated = await api("PATCH", `/api/v1/products/${encodeURIComponent(product.id)}`,
          { ...body, version: product.version });
        accept(updated);
        toast(t("product.saved"), { kind: "success" });
      } catch (err) {
        showSaveError(err);
      } finally {
        saving = false;
        saveButton.disabled = false;
        saveButton.removeAttribute("aria-busy");
      }
    }

    function changes(values) {
      const out = {};
      for (const [key, value] of Object.entries(values)) {
        if (JSON.stringify(value) !== JSON.stringify(original[key])) out[key] = value;
      }
      return out;
    }

    /** Takes a product from the server as the new saved state and shows it. */
    function accept(fresh) {
      product = fresh;
      original = snapshot(fresh);
      fill(fresh);
      baseline = rawState();
    }

    function showSaveError(err) {
      if (err.status === 422) {
        const rest = showApiFieldErrors(form, err);
        setAlert(formAlert, rest.length ? rest.map((m) => h("div", {}, m)) : t("product.fix_errors"));
        focusFirstInvalid(form);
      } else if (err.code === "duplicate_sku") {
        setFieldError(form, "sku", t("product.duplicate_sku"));
        setAlert(formAlert, t("product.duplicate_sku"));
        focusFirstInvalid(form);
      } else if (err.code === "duplicate_barcode") {
        const message = t("product.duplicate_barcode", { barcode: err.details?.barcode ?? "" });
        setFieldError(form, "barcodes", message);
        setAlert(formAlert, message);
      } else if (err.code === "version_conflict") {
        setAlert(formAlert, h("span", {}, t("error.version_conflict")),
          h("div", {}, h("button", { type: "button", class: "btn btn-secondary", id: "reload-product", onclick: reload },
            t("product.reload"))));
      } else {
        setAlert(formAlert, errorText(err));
        toast(errorText(err), { kind: "error" });
      }
      formAlert.scrollIntoView({ block: "nearest" });
    }

    async function reload() {
      try {
        accept(await api("GET", `/api/v1/products/${encodeURIComponent(product.id)}`));
        clearFieldErrors(form);
        setAlert(formAlert);
      } catch (err) {
        toast(errorText(err), { kind: "error" });
      }
    }

    async function toggleActive() {
      const activating = !product.active;
      if (!activating) {
        const ok = await confirmDialog({
          title: t("product.deactivate_title"),
          message: t("product.deactivate_body", { name: product.name }),
          confirmLabel: t("product.deactivate"),
          danger: true,
        });
        if (!ok) return;
      }
      toggleButton.disabled = true;
      try {
        const id = encodeURIComponent(product.id);
        const answer = await api("POST", `/api/v1/products/${id}/${activating ? "activate" : "deactivate"}`);
        const fresh = answer?.id ? answer : await api("GET", `/api/v1/products/${id}`);
        // Keep whatever is being typed: take only the server's status and version.
        product = { ...product, active: fresh.active, version: fresh.version, updated_at: fresh.updated_at };
        updateHeader();
        toast(activating ? t("product.activated") : t("product.deactivated"), { kind: "success" });
      } catch (err) {
        toast(errorText(err), { kind: "error" });
      } finally {
        toggleButton.disabled = false;
      }
    }

    async function refreshAfterVariant() {
      const fresh = await api("GET", `/api/v1/products/${encodeURIComponent(product.id)}`);
      product = fresh;
      original = snapshot(fresh);
      variants.update(fresh);
      updateHeader();
    }

    fill(product);
    baseline = rawState();
    document.addEventListener("keydown", onShortcut);
    if (!readOnly) (isNew ? c.sku : c.name).focus();
  }

  function onShortcut(event) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s" && form && !readOnly) {
      event.preventDefault();
      if (!document.querySelector("dialog[open]")) form.requestSubmit();
    }
  }

  return {
    isDirty: () => Boolean(form) && !readOnly && rawState() !== baseline,
    unmount() {
      disposed = true;
      document.removeEventListener("keydown", onShortcut);
    },
  };
}

/** Barcodes as removable chips plus an input; Enter (what scanners send) adds. */
function barcodeEditor() {
  let codes = [];
  const list = h("ul", { class: "chips", id: "barcode-list", "aria-label": t("product.barcodes") });
  const entry = h("input", {
    id: "barcode-input",
    class: "input mono",
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: t("barcode.placeholder"),
    "aria-label": t("barcode.add_label"),
  });
  const add = h("button", { type: "button", id: "barcode-add", class: "btn btn-secondary" }, icon("plus"), t("common.add"));
  const wrapper = h("div", { class: "field", dataset: { field: "barcodes" } },
    list,
    h("div", { class: "input-group barcode-entry" }, entry, add),
    h("p", { class: "hint" }, t("barcode.hint")),
    h("p", { class: "field-error", id: "barcodes-error", "data-test": "barcodes-error", "aria-live": "polite" }));
  entry.setAttribute("aria-describedby", "barcodes-error");

  function draw() {
    replace(list, codes.length === 0
      ? h("li", { class: "muted" }, t("barcode.none"))
      : codes.map((code) => h("li", { class: "chip", dataset: { barcode: code } },
        h("span", {}, code),
        h("button", {
          type: "button",
          class: "btn btn-ghost btn-icon",
          "aria-label": t("barcode.remove", { code }),
          onclick: () => {
            codes = codes.filter((x) => x !== code);
            draw();
            entry.focus();
          },
        }, icon("x")))));
  }

  function addEntry() {
    const code = entry.value.trim();
    const error = wrapper.querySelector(".field-error");
    const problem = codes.includes(code) ? t("barcode.duplicate") : barcodeProblem(code);
    if (problem) {
      error.textContent = problem;
      entry.setAttribute("aria-invalid", "true");
      entry.select();
      return;
    }
    error.textContent = "";
    entry.removeAttribute("aria-invalid");
    codes = [...codes, code];
    entry.value = "";
    draw();
    entry.focus();
  }

  entry.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addEntry();
    }
  });
  add.addEventListener("click", addEntry);

  return {
    element: wrapper,
    get: () => [...codes],
    set(next) {
      codes = [...next];
      draw();
    },
  };
}
