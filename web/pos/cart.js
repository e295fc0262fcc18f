// The cart as the cashier sees it: the lines, and the totals always in view.

import { h, icon, replace } from "../common/dom.js";
import { formatMoney, t, tn } from "../common/i18n.js";
import { lineDetail } from "./dialogs.js";

function discountTag(d) {
  if (!d) return null;
  const value = d.kind === "percent" ? `−${d.percent} %` : `−${formatMoney(d.amount)}`;
  return h("span", { class: "line-tag", title: t(`pos.reason.${d.reason}`) }, value);
}

function stepper(line, onStep) {
  const step = (by) => (event) => {
    event.stopPropagation();
    onStep(line.line_no, by);
  };
  return h("span", { class: "line-step" },
    h("button", { type: "button", class: "btn btn-secondary", id: "line-minus", "aria-label": t("pos.cart.less"), onclick: step(-1) }, "−"),
    h("button", { type: "button", class: "btn btn-secondary", id: "line-plus", "aria-label": t("pos.cart.more"), onclick: step(1) }, "+"));
}

function lineRow(line, { selected, fresh, onSelect, onStep }) {
  const tags = [];
  if (line.sold_by_weight) tags.push(h("span", { class: "line-tag is-weight" }, t("pos.cart.weighed")));
  if (line.price_override) tags.push(h("span", { class: "line-tag" }, t("pos.cart.price_set")));
  const tag = discountTag(line.discount);
  if (tag) tags.push(tag);
  if (line.voided) tags.push(h("span", { class: "line-tag" }, t("pos.cart.voided")));
  const discounted = line.base.amount !== line.total.amount && !line.voided;
  const classes = ["cart-line"];
  if (line.voided) classes.push("is-voided");
  if (fresh) classes.push("is-new");
  return h("li", {
    class: classes.join(" "),
    role: "option",
    dataset: { lineNo: line.line_no, sku: line.sku },
    "aria-selected": String(selected),
    onclick: () => onSelect(line.line_no),
  },
  h("span", { class: "line-no" }, line.line_no),
  h("span", { class: "line-name", title: line.description }, line.description),
  h("span", { class: "line-detail" }, lineDetail(line),
    line.lot ? ` · ${t("pos.cart.lot")} ${line.lot}` : "",
    line.expiry ? ` · ${t("pos.cart.expiry")} ${line.expiry}` : "",
    tags),
  selected && onStep && !line.voided && !line.sold_by_weight && line.original_line_no == null
    ? stepper(line, onStep)
    : null,
  h("span", { class: "line-total" },
    discounted && line.base.amount !== 0 ? h("s", {}, formatMoney(line.base)) : null,
    formatMoney(line.voided ? { ...line.total, amount: 0 } : line.total)));
}

/** A line's content as a string, to tell whether its row needs drawing again. */
function lineKey(line, selected, fresh) {
  return JSON.stringify([line.quantity, line.total.amount, line.base.amount, line.voided, line.discount,
    line.price_override, line.description, selected, fresh]);
}

/**
 * Draws the lines into `list` (an element with role listbox). Rows whose line did not change
 * are kept as they are, so a scan only adds or redraws the row it touched.
 */
export function renderLines(list, sale, { selected, fresh, onSelect, onStep, emptyText }) {
  const lines = sale?.lines ?? [];
  if (!lines.length) {
    list.rows = null;
    replace(list,
      h("div", { class: "cart-empty", id: "cart-empty" },
        icon("barcode"),
        h("strong", {}, emptyText ?? t("pos.cart.empty_title")),
        h("span", {}, t("pos.cart.empty_sub"))));
    return;
  }
  const old = list.rows ?? new Map();
  if (!list.rows) list.replaceChildren();
  const rows = new Map();
  let cursor = list.firstElementChild;
  for (const line of lines) {
    const key = lineKey(line, line.line_no === selected, line.line_no === fresh);
    let row = old.get(line.line_no);
    if (!row || row.key !== key) {
      const el = lineRow(line, { selected: line.line_no === selected, fresh: line.line_no === fresh, onSelect, onStep });
      row = { el, key };
    }
    rows.set(line.line_no, row);
    if (row.el === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(row.el, cursor);
  }
  while (cursor) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
  list.rows = rows;
}

/** Scrolls the selected line (or the last) into view; call after every other change. */
export function revealLine(list, selected) {
  const el = list.rows?.get(selected)?.el ?? list.lastElementChild;
  // Only when the list overflows: scrolling reads the layout, which the frame does anyway.
  if (el && list.scrollHeight > list.clientHeight) el.scrollIntoView({ block: "nearest" });
}

/** Draws subtotal, discounts, tax per rate and the total. */
export function renderTotals(box, sale, currency) {
  const zero = { amount: 0, currency };
  const s = sale ?? { subtotal: zero, discount_total: zero, tax_total: zero, total: zero, taxes: [], lines: [] };
  const count = (s.lines ?? []).filter((l) => !l.voided).length;
  const rows = [
    h("dt", {}, t("pos.totals.subtotal"), " ", h("span", { class: "count" }, tn("pos.totals.lines", count))),
    h("dd", { id: "total-subtotal" }, formatMoney(s.subtotal)),
  ];
  if (s.discount_total.amount !== 0) {
    rows.push(h("dt", {}, t("pos.totals.discounts")), h("dd", { id: "total-discounts" }, `−${formatMoney(s.discount_total)}`));
  }
  if (s.tax_exempt_ref) {
    rows.push(h("dt", {}, t("pos.totals.exempt")), h("dd", {}, s.tax_exempt_ref));
  }
  rows.push(h("div", { class: "taxes", id: "total-taxes" },
    (s.taxes ?? []).map((tx) => h("span", { dataset: { code: tx.code } },
      `${tx.label || `${t("pos.totals.tax")} ${tx.rate} %`} : ${formatMoney(tx.tax)}`)),
    s.taxes?.length || !count ? null : h("span", {}, `${t("pos.totals.tax")} : ${formatMoney(s.tax_total)}`)));
  rows.push(h("div", { class: "grand" },
    h("span", {}, s.kind === "return" ? t("pos.totals.refund") : t("pos.totals.total")),
    h("strong", { id: "total-amount" }, formatMoney(s.total))));
  replace(box, rows);
}
