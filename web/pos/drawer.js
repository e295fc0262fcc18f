// The cash drawer at the till: counting the float to open it, counting the
// cash to close it (expected, counted, over/short, then the Z report), and
// the X/Z report as a readable page.

import { api } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { currencyDigits, formatDateTime, formatMoney, t } from "../common/i18n.js";
import { applyKey, decimalMark, entryToMinor, keypad } from "./keypad.js";

/** Notes and coins by currency, in minor units, largest first. */
export const DENOMINATIONS = {
  EUR: [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  USD: [10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1],
  GBP: [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
};

/**
 * A count by denomination with plus/minus and typed counts; `onChange(total,
 * count)` after each change. Returns `{el, count(), total()}`.
 */
export function countGrid({ currency, onChange, id = "count" }) {
  const denoms = DENOMINATIONS[currency] ?? [];
  const counts = new Map(denoms.map((d) => [d, 0]));
  const sums = new Map();
  const inputs = new Map();
  const total = () => [...counts].reduce((acc, [d, n]) => acc + d * n, 0);
  const changed = (d) => {
    sums.get(d).textContent = formatMoney({ amount: d * counts.get(d), currency });
    inputs.get(d).value = String(counts.get(d));
    onChange?.(total());
  };
  const rows = denoms.map((d) => {
    const input = h("input", {
      class: "input",
      type: "text",
      inputmode: "numeric",
      id: `${id}-${d}`,
      dataset: { denom: d },
      "aria-label": t("pos.count.how_many", { value: formatMoney({ amount: d, currency }) }),
      value: "0",
    });
    input.addEventListener("focus", () => input.select());
    input.addEventListener("input", () => {
      const n = Number.parseInt(input.value.replace(/\D/g, "") || "0", 10);
      counts.set(d, Math.min(n, 99999));
      sums.get(d).textContent = formatMoney({ amount: d * counts.get(d), currency });
      onChange?.(total());
    });
    inputs.set(d, input);
    const sum = h("span", { class: "sum" }, formatMoney({ amount: 0, currency }));
    sums.set(d, sum);
    const step = (by) => () => {
      counts.set(d, Math.max(0, counts.get(d) + by));
      changed(d);
    };
    return h("div", { class: "count-row" },
      h("span", { class: "denom" }, formatMoney({ amount: d, currency })),
      h("button", { type: "button", class: "btn btn-secondary", "aria-label": "−", onclick: step(-1) }, "−"),
      input,
      h("button", { type: "button", class: "btn btn-secondary", "aria-label": "+", dataset: { plus: d }, onclick: step(1) }, "+"),
      sum);
  });
  return {
    el: h("div", { class: "count-grid", id }, rows),
    total,
    count: () => Object.fromEntries([...counts].filter(([, n]) => n > 0).map(([d, n]) => [String(d), n])),
    supported: denoms.length > 0,
  };
}

/** An amount typed on a keypad (for currencies without a denomination table, or "just the total"). */
function amountEntry({ currency, onChange, id }) {
  const digits = currencyDigits(currency);
  let entry = "";
  const display = h("div", { class: "value-display", id: `${id}-value` });
  const draw = () => {
    display.textContent = formatMoney({ amount: entryToMinor(entry || "0", digits) ?? 0, currency });
    onChange?.(entryToMinor(entry || "0", digits) ?? 0);
  };
  const el = h("div", { class: "number-entry" }, display,
    keypad({ decimal: digits > 0 ? decimalMark() : null, id: `${id}-keys`, onKey: (k) => {
      if (k === "enter") return;
      entry = applyKey(entry, k, { maxLength: 9, decimals: digits });
      draw();
    } }));
  draw();
  return { el, total: () => entryToMinor(entry || "0", digits) ?? 0 };
}

/** The float count that opens a closed drawer. */
export function renderFloat(container, { session, onOpened, onCancel }) {
  const currency = session.store.currency || "EUR";
  const register = session.register;
  let byCount = Boolean(DENOMINATIONS[currency]);
  const totalEl = h("strong", { id: "float-total" }, formatMoney({ amount: 0, currency }));
  const error = h("p", { class: "form-error", id: "float-error", role: "alert" });
  const onChange = (amount) => { totalEl.textContent = formatMoney({ amount, currency }); };
  const grid = countGrid({ currency, onChange, id: "float-count" });
  const typed = amountEntry({ currency, onChange, id: "float-amount" });
  const holder = h("div", {});
  const modeButtons = [true, false].map((mode) => h("button", {
    type: "button",
    "aria-pressed": String(mode === byCount),
    dataset: { mode: mode ? "count" : "amount" },
    onclick: () => {
      byCount = mode;
      for (const b of modeButtons) b.setAttribute("aria-pressed", String((b.dataset.mode === "count") === byCount));
      draw();
    },
  }, mode ? t("pos.float.by_count") : t("pos.float.by_amount")));
  const draw = () => {
    replace(holder, byCount && grid.supported ? grid.el : typed.el);
    onChange(byCount ? grid.total() : typed.total());
  };
  const submit = h("button", { type: "button", class: "btn btn-primary", id: "float-open" }, icon("drawer"), t("pos.float.open"));
  submit.addEventListener("click", async () => {
    submit.disabled = true;
    error.textContent = "";
    try {
      const body = byCount && grid.supported ? { count: grid.count() } : { float: typed.total() };
      await api("POST", `/api/v1/registers/${register.id}/drawer/open`, body);
      const list = await api("GET", "/api/v1/registers");
      onOpened((list?.items ?? []).find((r) => r.id === register.id) ?? register);
    } catch (err) {
      error.textContent = errorText(err);
      submit.disabled = false;
    }
  });
  replace(container, h("div", { class: "screen-card", id: "float" },
    h("div", { class: "report-head" },
      h("div", {},
        h("h1", {}, t("pos.float.title")),
        h("p", { class: "sub" }, t("pos.float.sub", { register: register.name }))),
      grid.supported ? h("div", { class: "segmented", role: "group" }, modeButtons) : null),
    holder,
    h("div", { class: "count-total" }, h("span", {}, t("pos.float.total")), totalEl),
    error,
    h("div", { class: "report-head" },
      h("button", { type: "button", class: "btn btn-secondary", id: "float-signout", onclick: onCancel }, icon("logout"), t("pos.signout")),
      submit)));
  draw();
}

/** What a report shows, as tables: totals, tenders, taxes, the drawer. */
export function reportView(r) {
  const money = (amount) => formatMoney({ amount: amount?.amount ?? amount, currency: r.currency });
  const row = (label, value, id) => h("tr", {}, h("td", {}, label), h("td", { class: "num", id }, value));
  const title = r.kind === "x" ? t("pos.report.x_title") : t("pos.report.z_title", { number: r.number ?? "" });
  const d = r.drawer;
  return h("div", { class: "report", id: `report-${r.kind}` },
    h("div", { class: "report-head" },
      h("h2", {}, title, " · ", r.register),
      h("span", { class: "muted" }, formatDateTime(r.generated_at))),
    h("div", {},
      h("h3", {}, t("pos.report.totals")),
      h("table", {},
        row(t("pos.report.sales", { count: r.sales_count }), money(r.sales_total), "report-sales"),
        row(t("pos.report.returns", { count: r.returns_count }), money(r.returns_total), "report-returns"),
        row(t("pos.report.discounts"), money(r.discounts)),
        row(t("pos.report.cancellations"), String(r.cancellations_count)),
        row(t("pos.report.net"), money(r.net_total), "report-net"),
        row(t("pos.report.excl_tax"), money(r.total_excl_tax)),
        row(t("pos.report.rounding"), money(r.rounding)),
        row(t("pos.report.perpetual"), money(r.perpetual_total)))),
    h("div", {},
      h("h3", {}, t("pos.report.tenders")),
      h("table", { id: "report-tenders" }, r.tenders.map((x) =>
        row(`${t(`pos.tender.${x.kind}`)} (${x.count})`, money(x.amount))))),
    h("div", {},
      h("h3", {}, t("pos.report.taxes")),
      h("table", { id: "report-taxes" }, r.taxes.map((x) =>
        row(x.label || `${x.rate} %`, `${money(x.base)} → ${money(x.tax)}`)))),
    d ? h("div", {},
      h("h3", {}, t("pos.report.drawer")),
      h("table", {},
        row(t("pos.report.float"), money(d.opening_float)),
        row(t("pos.report.cash_taken"), money(d.cash_taken)),
        row(t("pos.report.paid_in"), money(d.paid_in)),
        row(t("pos.report.paid_out"), money(d.paid_out)),
        row(t("pos.report.drops"), money(d.drops)),
        row(t("pos.report.no_sales"), String(d.no_sales)),
        row(t("pos.report.expected"), money(d.expected_cash), "report-expected"),
        d.counted ? row(t("pos.report.counted"), money(d.counted), "report-counted") : null,
        d.over_short ? row(t("pos.report.over_short"), money(d.over_short), "report-over-short") : null)) : null);
}

/**
 * The close screen, in a dialog: count the cash, see expected vs counted and
 * the over/short as you count, confirm, then the Z report.
 */
export async function closeDrawer(ctx, { openDialog }) {
  const { session } = ctx;
  const currency = session.store.currency || "EUR";
  const x = await api("GET", `/api/v1/registers/${session.register.id}/x-report`);
  const expected = x.drawer?.expected_cash?.amount ?? 0;
  const countedEl = h("strong", { id: "close-counted" });
  const diffEl = h("strong", { id: "close-over-short" });
  const diffBox = h("div", { class: "fig" }, h("span", {}, t("pos.close.over_short")), diffEl);
  const onChange = (amount) => {
    countedEl.textContent = formatMoney({ amount, currency });
    const diff = amount - expected;
    diffEl.textContent = `${diff > 0 ? "+" : ""}${formatMoney({ amount: diff, currency })}`;
    diffBox.className = `fig ${diff === 0 ? "is-even" : diff < 0 ? "is-short" : "is-over"}`;
  };
  const grid = countGrid({ currency, onChange, id: "close-count" });
  const typed = grid.supported ? null : amountEntry({ currency, onChange, id: "close-amount" });
  const error = h("p", { class: "form-error", id: "close-error", role: "alert" });
  const submit = async (close, button) => {
    button.disabled = true;
    error.textContent = "";
    try {
      const body = grid.supported ? { count: grid.count() } : { counted: typed.total() };
      close(await api("POST", `/api/v1/registers/${session.register.id}/drawer/close`, body));
    } catch (err) {
      error.textContent = errorText(err);
      button.disabled = false;
    }
  };
  const result = await openDialog({
    title: t("pos.close.title", { register: session.register.name }),
    id: "close-dialog",
    wide: true,
    body: () => {
      const el = h("div", { class: "close-drawer" },
        h("div", { class: "over-short" },
          h("div", { class: "fig" }, h("span", {}, t("pos.close.expected")), h("strong", { id: "close-expected" }, formatMoney({ amount: expected, currency }))),
          h("div", { class: "fig" }, h("span", {}, t("pos.close.counted")), countedEl),
          diffBox),
        h("p", { class: "muted" }, t("pos.close.note")),
        grid.supported ? grid.el : typed.el,
        error);
      onChange(0);
      return el;
    },
    actions: (close) => {
      const confirm = h("button", { type: "button", class: "btn btn-danger", id: "close-confirm" }, icon("lock"), t("pos.close.confirm"));
      confirm.addEventListener("click", () => submit(close, confirm));
      return [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")), confirm];
    },
  });
  return result;
}
