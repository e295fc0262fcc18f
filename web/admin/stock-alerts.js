// Low-stock alerts: #/stock/alerts lists the alerts raised when an item's store total
// crossed its reorder point, newest first (open ones by default), a page at a time. A
// manager acknowledges one; the navigation's badge follows. New alerts appear live.

import { api, query } from "../common/api.js";
import { errorText, h, icon, toast } from "../common/dom.js";
import { formatTimeOrDateTime, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { alertsChanged, onStockLevel } from "./stock-feed.js";
import { formatQty, itemName } from "./stock-ui.js";
import { pageHeader } from "./ui.js";

export function mount(container, ctx, route) {
  ctx.setTitle(t("stock.alerts_title"));
  const manage = ctx.can("stock_manage");

  const list = createList({
    id: "alerts",
    ctx,
    route,
    caption: t("stock.alerts_title"),
    paging: "more",
    columns: [
      {
        key: "item",
        label: t("stock.item"),
        className: "cell-strong col-name",
        render: (a) => [
          h("a", { href: `#/stock/items/${encodeURIComponent(a.item_id)}` }, a.item ? itemName(a.item) : a.item_id),
          a.item ? h("span", { class: "cell-sub mono" }, a.item.sku) : null,
        ],
      },
      { key: "on_hand", label: t("stock.alert_on_hand"), className: "num", render: (a) => formatQty(a.on_hand, a.item?.unit) },
      { key: "reorder_point", label: t("stock.reorder_point"), className: "num", render: (a) => formatQty(a.reorder_point, a.item?.unit) },
      { key: "raised", label: t("stock.alert_raised"), className: "nowrap", render: (a) => formatTimeOrDateTime(a.raised_at) },
      {
        key: "state",
        label: t("stock.status"),
        render: (a) => {
          if (a.acknowledged_at) return h("span", { class: "badge badge-neutral" }, t("stock.alert_acknowledged"));
          if (!manage) return h("span", { class: "badge badge-warning" }, t("stock.alert_open"));
          return h("button", {
            type: "button",
            class: "btn btn-secondary btn-sm",
            dataset: { acknowledge: a.id },
            onclick: (event) => acknowledge(a, event.currentTarget),
          }, icon("check"), t("stock.acknowledge"));
        },
      },
    ],
    filters: [
      {
        name: "show",
        type: "select",
        id: "alerts-show",
        label: t("stock.show"),
        options: [
          { value: "", label: t("stock.alerts_open") },
          { value: "all", label: t("stock.alerts_all") },
        ],
      },
    ],
    empty: { icon: "check", text: t("stock.alerts_none") },
    row: { attrs: (a) => ({ dataset: { alertId: a.id, itemId: a.item_id } }) },
    load: async ({ filters, cursor, perPage, signal }) => {
      const body = await api("GET", `/api/v1/stock/alerts${query({
        open: filters.show === "all" ? "false" : undefined,
        cursor,
        limit: perPage,
      })}`, undefined, { signal });
      return { items: body.alerts, next_cursor: body.next_cursor };
    },
  });

  async function acknowledge(alert, button) {
    button.disabled = true;
    try {
      await api("POST", `/api/v1/stock/alerts/${encodeURIComponent(alert.id)}/acknowledge`);
      toast(t("stock.acknowledged"), { kind: "success" });
      alertsChanged();
      list.reload();
    } catch (err) {
      button.disabled = false;
      toast(errorText(err), { kind: "error" });
    }
  }

  let timer = null;
  const unsubscribe = onStockLevel(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      list.reload();
    }, 300);
  });

  container.append(
    pageHeader({
      title: t("stock.alerts_title"),
      subtitle: h("span", { class: "crumb" }, t("stock.alerts_subtitle")),
      actions: [h("a", { href: "#/stock?show=low", class: "btn btn-secondary", id: "alerts-to-low" }, icon("list"), t("stock.show_low"))],
    }),
    h("div", { class: "page-body" }, list.element));
  list.reload();
  return {
    unmount() {
      clearTimeout(timer);
      unsubscribe();
      list.unmount();
    },
  };
}
