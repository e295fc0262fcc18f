// One purchase order (#/purchase-orders/:id). A draft's lines are edited here (add an item by
// scanning or typing its code; quantity; unit cost, which defaults to the supplier's) and
// saved at the order's version; then it is sent, received (the scanning screen), closed or
// cancelled — the buttons shown are the moves its status allows. CSV and a printable page
// for the supplier. Whoever may receive but not buy (a cashier the store lets receive) sees
// the order and its receiving only.

import { api } from "../common/api.js";
import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatDateTime, formatMoney, formatMoneyInput, t } from "../common/i18n.js";
import { statusBadge } from "./purchase-orders.js";
import { moneyInput, pageHeader, readMoney, setAlert, textInput } from "./ui.js";

/** "10.500" → "10.5", "10.000" → "10", "10" → "10". */
function trimQty(text) {
  const s = String(text);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("purchasing.order"));
  const root = h("div", {}, h("div", { class: "loading" }, t("common.loading")));
  container.append(root);
  let dirty = false;
  load();

  async function load() {
    try {
      render(await api("GET", `/api/v1/purchase-orders/${route.id}`));
    } catch (err) {
      replace(root, h("div", { class: "alert alert-error" }, errorText(err)));
    }
  }

  async function act(po, action) {
    try {
      if (action === "receive") {
        const session = await api("POST", `/api/v1/purchase-orders/${po.id}/receiving`, {});
        ctx.navigate(`#/receiving/${session.id}`);
        return;
      }
      render(await api("POST", `/api/v1/purchase-orders/${po.id}/${action}`));
      toast(t(`purchasing.done.${action}`), { kind: "success" });
    } catch (err) {
      toast(errorText(err), { kind: "error" });
    }
  }

  function render(po) {
    dirty = false;
    ctx.setTitle(po.number);
    const buyer = ctx.can("purchasing");
    const draft = po.status === "draft" && buyer;
    const moves = ({
      draft: ["send", "cancel"],
      sent: ["receive", "cancel", "close"],
      partially_received: ["receive", "close"],
      received: ["close"],
    }[po.status] ?? []).filter((m) => buyer || m === "receive");
    const buttons = moves.map((m) => h("button", {
      type: "button", id: `po-${m}`, class: `btn ${m === "send" || m === "receive" ? "btn-primary" : "btn-secondary"}`,
      onclick: () => act(po, m),
    }, t(`purchasing.action.${m}`)));
    const exports = [
      h("a", { class: "btn btn-ghost", id: "po-csv", href: `/api/v1/purchase-orders/${po.id}/csv`, download: `${po.number}.csv` }, icon("download"), "CSV"),
      h("a", { class: "btn btn-ghost", id: "po-print", href: `/api/v1/purchase-orders/${po.id}/print`, target: "_blank", rel: "noopener" }, icon("printer"), t("purchasing.print")),
    ];
    const lines = po.lines.map((l) => ({ ...l }));
    const tbody = h("tbody", { id: "po-lines" });
    const totalCell = h("strong", { id: "po-total" });
    const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });

    function drawLines() {
      replace(tbody, lines.length ? lines.map((l, i) => h("tr", { dataset: { itemId: l.item_id } },
        h("td", { class: "mono" }, l.sku), h("td", {}, l.name),
        h("td", { class: "num" }, draft ? textInput(`po-qty-${i}`, { value: trimQty(l.quantity), inputmode: "decimal", class: "input input-sm", oninput: (e) => { l.quantity = e.target.value; dirty = true; } }) : `${l.quantity} ${l.unit}`),
        h("td", { class: "num" }, draft ? costInput(l, i) : formatMoney({ amount: l.unit_cost, currency: po.currency })),
        h("td", { class: "num" }, draft ? "" : l.received),
        h("td", { class: "num" }, draft ? h("button", { type: "button", class: "btn btn-ghost btn-sm", "aria-label": t("purchasing.remove"), onclick: () => { lines.splice(i, 1); dirty = true; drawLines(); } }, icon("trash")) : l.remaining)))
        : h("tr", {}, h("td", { colspan: 6, class: "table-empty" }, t("purchasing.no_lines"))));
      totalCell.textContent = formatMoney({ amount: po.total, currency: po.currency });
    }

    function costInput(l, i) {
      const wrap = moneyInput(`po-cost-${i}`, po.currency);
      const input = wrap.querySelector("input");
      input.value = l.unit_cost === null ? "" : formatMoneyInput({ amount: l.unit_cost, currency: po.currency });
      input.addEventListener("input", () => { dirty = true; });
      l.costInput = input;
      return wrap;
    }

    async function save() {
      setAlert(alertBox);
      try {
        const body = {
          version: po.version,
          lines: lines.map((l) => ({ item_id: l.item_id, quantity: String(l.quantity).trim(), unit_cost: l.costInput ? readMoney(l.costInput, po.currency) ?? null : l.unit_cost })),
        };
        render(await api("PATCH", `/api/v1/purchase-orders/${po.id}`, body));
        toast(t("purchasing.saved"), { kind: "success" });
      } catch (err) {
        setAlert(alertBox, errorText(err));
      }
    }

    const code = textInput("po-add-code", { placeholder: t("purchasing.scan_or_sku") });
    const addForm = draft ? h("form", { class: "toolbar", id: "po-add", onsubmit: async (e) => {
      e.preventDefault();
      try {
        const found = await api("GET", `/api/v1/catalog/lookup?code=${encodeURIComponent(code.value.trim())}`);
        const existing = lines.find((l) => l.item_id === found.item.item_id);
        if (existing) existing.quantity = String(Number(existing.quantity) + 1);
        else lines.push({ item_id: found.item.item_id, sku: found.item.sku, name: found.item.name, unit: found.item.unit, quantity: "1", unit_cost: null });
        dirty = true;
        code.value = "";
        // The cost defaults on the server (the supplier's): save right away to show it.
        await save();
        document.getElementById("po-add-code")?.focus();
      } catch (err) {
        setAlert(alertBox, errorText(err));
      }
    } }, code, h("button", { type: "submit", class: "btn btn-secondary" }, icon("plus"), t("purchasing.add"))) : null;

    replace(root,
      pageHeader({
        title: po.number, titleId: "po-title", badge: statusBadge(po.status),
        crumb: buyer
          ? h("a", { href: "#/purchase-orders", class: "btn-link" }, t("purchasing.orders"))
          : h("a", { href: "#/deliveries", class: "btn-link" }, t("deliveries.title")),
        subtitle: h("p", { class: "muted" }, `${po.supplier.name} · ${formatDateTime(po.created_at)}${po.note ? ` · ${po.note}` : ""}`),
        actions: [...exports, ...buttons],
      }),
      h("div", { class: "page-body stack" },
        alertBox,
        addForm,
        h("div", { class: "table-wrap card" }, h("table", { class: "table", id: "po-table" },
          h("thead", {}, h("tr", {}, ["sku", "name", "quantity", "unit_cost", "received", draft ? "" : "remaining"].map((k) => h("th", { class: ["quantity", "unit_cost", "received", "remaining"].includes(k) ? "num" : null }, k ? t(`purchasing.${k}`) : "")))),
          tbody,
          h("tfoot", {}, h("tr", {}, h("td", { colspan: 4, class: "num" }, t("purchasing.total")), h("td", { colspan: 2, class: "num" }, totalCell))))),
        draft ? h("div", {}, h("button", { type: "button", class: "btn btn-primary", id: "po-save", onclick: save }, icon("check"), t("purchasing.save"))) : null,
        po.receiving_id ? h("a", { class: "btn btn-secondary", href: `#/receiving/${po.receiving_id}`, id: "po-resume" }, icon("barcode"), t("purchasing.resume_receiving")) : null));
    drawLines();
  }
  return { isDirty: () => dirty };
}
