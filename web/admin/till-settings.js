// Registers and till settings: the shop's registers (create, rename, receipt printer and
// width, switch off) and the checkout settings the tills follow (tax mode and rounding,
// cash rounding, the cashier's discount limit, the business day's cut-off, the idle lock,
// what receipts print). Owners and managers edit; cashiers see them read-only.

import { api } from "../common/api.js";
import { errorText, h, icon, openDialog, replace, toast } from "../common/dom.js";
import { formatMoneyInput, MoneyParseError, parseMoney, t } from "../common/i18n.js";
import {
  clearFieldErrors, field, focusFirstInvalid, pageHeader, selectInput, setAlert, showApiFieldErrors, textInput,
} from "./ui.js";

const WIDTHS = [32, 42, 48];

function showErrors(form, alertBox, err) {
  clearFieldErrors(form);
  const unmatched = showApiFieldErrors(form, err);
  focusFirstInvalid(form);
  setAlert(alertBox, unmatched.length ? unmatched.join(" ") : null);
}

/** The register form, in a dialog: a new one, or an existing one's changes. */
function editRegister(register, onSaved) {
  const isNew = !register;
  const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const code = textInput("reg-code", { value: register?.code ?? "", maxlength: 8, disabled: !isNew });
  const name = textInput("reg-name", { value: register?.name ?? "", maxlength: 64 });
  const printer = textInput("reg-printer", { value: register?.printer ?? "", placeholder: "192.168.1.50:9100" });
  const width = selectInput("reg-width", WIDTHS.map((w) => ({ value: String(w), label: t("till_settings.columns", { n: w }) })));
  width.value = String(register?.receipt_width ?? 42);
  const active = h("input", { type: "checkbox", id: "reg-active", checked: register?.active ?? true });
  const form = h("form", { class: "form-grid", id: "register-form", novalidate: true },
    field({ name: "code", id: "reg-code", label: t("till_settings.code"), control: code, hint: t("till_settings.code_hint"), required: true }),
    field({ name: "name", id: "reg-name", label: t("till_settings.name"), control: name, required: true }),
    field({ name: "printer", id: "reg-printer", label: t("till_settings.printer"), control: printer, hint: t("till_settings.printer_hint") }),
    field({ name: "receipt_width", id: "reg-width", label: t("till_settings.width"), control: width }),
    isNew ? null : h("label", { class: "check span-2", for: "reg-active" }, active, h("span", {}, t("till_settings.in_use"))),
    h("div", { class: "span-2" }, alertBox));
  return openDialog({
    title: isNew ? t("till_settings.new_register") : t("till_settings.edit_register", { code: register.code }),
    id: "register-dialog",
    body: form,
    actions: (close) => {
      const save = h("button", { type: "submit", class: "btn btn-primary", id: "register-save" }, icon("check"), t("common.save"));
      const submit = async (event) => {
        event?.preventDefault();
        save.disabled = true;
        const body = {
          name: name.value.trim(),
          printer: printer.value.trim() || null,
          receipt_width: Number.parseInt(width.value, 10),
        };
        try {
          const saved = isNew
            ? await api("POST", "/api/v1/registers", { ...body, code: code.value.trim() })
            : await api("PATCH", `/api/v1/registers/${register.id}`, { ...body, printer: body.printer ?? "", active: active.checked });
          close(saved);
          onSaved(saved);
        } catch (err) {
          showErrors(form, alertBox, err);
          save.disabled = false;
        }
      };
      form.addEventListener("submit", submit);
      save.addEventListener("click", submit);
      return [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")), save];
    },
  });
}

function registersCard(ctx, registers, reload) {
  const rows = registers.map((r) => h("tr", { dataset: { registerId: r.id }, class: r.active ? null : "is-inactive" },
    h("td", { class: "cell-strong mono" }, r.code),
    h("td", {}, r.name),
    h("td", {}, r.printer ? h("span", { class: "mono" }, r.printer) : h("span", { class: "muted" }, t("till_settings.no_printer"))),
    h("td", { class: "num" }, String(r.receipt_width)),
    h("td", {}, h("span", { class: `badge ${r.session ? "badge-success" : "badge-neutral"}` },
      r.session ? t("till_settings.drawer_open") : t("till_settings.drawer_closed"))),
    h("td", {}, r.active ? t("common.yes") : t("common.no")),
    h("td", { class: "num" }, ctx.can("registers_manage")
      ? h("button", { type: "button", class: "btn btn-secondary", dataset: { edit: r.code }, onclick: () => editRegister(r, reload) },
        icon("file"), t("common.edit"))
      : null)));
  return h("section", { class: "card card-flush", id: "registers-card" },
    h("header", { class: "card-header" },
      h("h2", {}, t("till_settings.registers")),
      h("div", { class: "card-actions" }, ctx.can("registers_manage")
        ? h("button", { type: "button", class: "btn btn-primary", id: "register-add", onclick: () => editRegister(null, reload) },
          icon("plus"), t("till_settings.add_register"))
        : null)),
    h("div", { class: "table-wrap" },
      h("table", { class: "table", id: "registers-table" },
        h("thead", {}, h("tr", {},
          h("th", {}, t("till_settings.code")), h("th", {}, t("till_settings.name")), h("th", {}, t("till_settings.printer")),
          h("th", { class: "num" }, t("till_settings.width")), h("th", {}, t("till_settings.drawer")), h("th", {}, t("till_settings.in_use")),
          h("th", {}, ""))),
        h("tbody", {}, rows.length ? rows : h("tr", { class: "table-empty" }, h("td", { colspan: 7 }, t("till_settings.no_registers")))))));
}

function settingsCard(ctx, settings) {
  const ro = !ctx.can("store_settings");
  const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const taxMode = selectInput("set-tax-mode", [
    { value: "inclusive", label: t("till_settings.tax_inclusive") },
    { value: "exclusive", label: t("till_settings.tax_exclusive") },
  ], { disabled: ro });
  taxMode.value = settings.tax_mode;
  const taxScope = selectInput("set-tax-scope", [
    { value: "per_line", label: t("till_settings.per_line") },
    { value: "per_document", label: t("till_settings.per_document") },
  ], { disabled: ro });
  taxScope.value = settings.tax_scope;
  // "none" is the API's word for no rounding: the field shows it as empty, in any language.
  const rounding = textInput("set-cash-rounding", { value: settings.cash_rounding === "none" ? "" : settings.cash_rounding, disabled: ro });
  const limit = textInput("set-discount-limit", { value: settings.cashier_discount_limit, inputmode: "decimal", disabled: ro });
  const cutoff = textInput("set-cutoff", { value: String(settings.day_cutoff_hour), inputmode: "numeric", disabled: ro });
  const lock = textInput("set-lock", { value: String(settings.pos_lock_minutes ?? 5), inputmode: "numeric", disabled: ro });
  const cashLimit = textInput("set-cash-limit", { value: formatMoneyInput(settings.cash_limit), inputmode: "decimal", disabled: ro });
  const address = h("textarea", { id: "set-address", class: "textarea", rows: 3, disabled: ro }, settings.address);
  const taxId = textInput("set-tax-id", { value: settings.tax_id, disabled: ro });
  const footer = h("textarea", { id: "set-footer", class: "textarea", rows: 3, disabled: ro }, settings.receipt_footer);
  const form = h("form", { class: "form-grid", id: "checkout-settings", novalidate: true },
    field({ name: "tax_mode", id: "set-tax-mode", label: t("till_settings.tax_mode"), control: taxMode }),
    field({ name: "tax_scope", id: "set-tax-scope", label: t("till_settings.tax_scope"), control: taxScope }),
    field({ name: "cash_rounding", id: "set-cash-rounding", label: t("till_settings.cash_rounding"), control: rounding,
      hint: t("till_settings.cash_rounding_hint", { currency: settings.currency }) }),
    field({ name: "cashier_discount_limit", id: "set-discount-limit", label: t("till_settings.discount_limit"), control: limit,
      hint: t("till_settings.discount_limit_hint") }),
    field({ name: "day_cutoff_hour", id: "set-cutoff", label: t("till_settings.cutoff"), control: cutoff, hint: t("till_settings.cutoff_hint") }),
    field({ name: "pos_lock_minutes", id: "set-lock", label: t("till_settings.lock"), control: lock, hint: t("till_settings.lock_hint") }),
    field({ name: "cash_limit", id: "set-cash-limit", label: t("till_settings.cash_limit"), control: cashLimit,
      hint: t("till_settings.cash_limit_hint", { currency: settings.currency }) }),
    field({ name: "address", id: "set-address", label: t("till_settings.address"), control: address }),
    field({ name: "receipt_footer", id: "set-footer", label: t("till_settings.footer"), control: footer }),
    field({ name: "tax_id", id: "set-tax-id", label: t("till_settings.tax_id"), control: taxId }),
    h("div", { class: "span-2" }, alertBox));
  const save = ro ? null : h("button", { type: "submit", class: "btn btn-primary", id: "settings-save" }, icon("check"), t("common.save"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (ro) return;
    const int = (input) => (/^\d+$/.test(input.value.trim()) ? Number.parseInt(input.value.trim(), 10) : input.value.trim());
    save.disabled = true;
    clearFieldErrors(form);
    setAlert(alertBox);
    try {
      // Typed as a person types money ("10 000,00"); sent as minor units in the store currency.
      let cashLimitMinor;
      try {
        cashLimitMinor = { amount: parseMoney(cashLimit.value, settings.currency), currency: settings.currency };
      } catch (e) {
        if (!(e instanceof MoneyParseError)) throw e;
        cashLimitMinor = -1;
      }
      await api("PATCH", "/api/v1/store/checkout", {
        cash_limit: cashLimitMinor,
        tax_mode: taxMode.value,
        tax_scope: taxScope.value,
        cash_rounding: rounding.value.trim().replace(",", ".") || "none",
        cashier_discount_limit: limit.value.trim(),
        day_cutoff_hour: int(cutoff),
        pos_lock_minutes: int(lock),
        address: address.value,
        tax_id: taxId.value.trim(),
        receipt_footer: footer.value,
      });
      toast(t("till_settings.saved"), { kind: "success" });
    } catch (err) {
      showErrors(form, alertBox, err);
    } finally {
      save.disabled = false;
    }
  });
  if (save) form.append(h("div", { class: "span-2" }, save));
  return h("section", { class: "card", id: "settings-card" },
    h("header", { class: "card-header" }, h("h2", {}, t("till_settings.checkout"))),
    h("div", { class: "card-body" }, form));
}

export function mount(container, ctx) {
  ctx.setTitle(t("till_settings.title"));
  const body = h("div", { class: "page-body stack" }, h("div", { class: "loading" }, h("div", { class: "spinner" })));
  container.append(
    pageHeader({ title: t("till_settings.title"), subtitle: h("p", { class: "muted" }, t("till_settings.subtitle")),
      actions: [h("a", { class: "btn btn-secondary", href: "/pos", target: "_blank", rel: "noopener", id: "open-till" }, icon("box"), t("till_settings.open_till"))] }),
    body);
  let disposed = false;
  async function load() {
    try {
      const [registers, settings] = await Promise.all([api("GET", "/api/v1/registers"), api("GET", "/api/v1/store/checkout")]);
      if (disposed) return;
      replace(body, registersCard(ctx, registers?.items ?? [], () => load()), settingsCard(ctx, settings));
    } catch (err) {
      if (!disposed) replace(body, h("div", { class: "alert alert-error", role: "alert" }, icon("alert"), h("span", {}, errorText(err))));
    }
  }
  load();
  return { unmount: () => { disposed = true; } };
}
