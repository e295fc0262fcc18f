// Deliveries to receive (#/deliveries): the orders sent to suppliers and not yet (fully)
// received, for whoever may receive them: managers and owners, and cashiers when the store
// lets them (the `receive` permission /auth/me sends). "Receive" opens the order's receiving
// session (or the one already open) and goes to the scanning screen (receiving.js). Made for
// a phone as well as a desk.

import { api, query } from "../common/api.js";
import { errorText, h, icon, toast } from "../common/dom.js";
import { formatDateTime, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { statusBadge } from "./purchase-orders.js";
import { pageHeader } from "./ui.js";

async function receive(ctx, order, button) {
  button.disabled = true;
  try {
    const session = await api("POST", `/api/v1/purchase-orders/${encodeURIComponent(order.id)}/receiving`, {});
    ctx.navigate(`#/receiving/${encodeURIComponent(session.id)}`);
  } catch (err) {
    toast(errorText(err), { kind: "error" });
    button.disabled = false;
  }
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("deliveries.title"));
  const list = createList({
    id: "deliveries",
    ctx,
    route,
    caption: t("deliveries.title"),
    defaultSort: "-number",
    columns: [
      {
        key: "number",
        label: t("purchasing.number"),
        sort: "number",
        render: (o) => h("div", { class: "delivery-order" },
          h("span", { class: "mono cell-strong" }, o.number),
          h("span", { class: "muted small" }, o.supplier_name)),
      },
      { key: "status", label: t("purchasing.state"), sort: "status", render: (o) => statusBadge(o.status) },
      { key: "sent", label: t("deliveries.sent"), render: (o) => (o.sent_at ? formatDateTime(o.sent_at) : "") },
      {
        key: "receive",
        label: t("deliveries.receive"),
        className: "num",
        render: (o) => h("button", {
          type: "button",
          class: "btn btn-primary btn-sm",
          id: `delivery-receive-${o.number}`,
          dataset: { receive: o.id },
          onclick: (event) => receive(ctx, o, event.currentTarget),
        }, icon("barcode"), t("deliveries.receive")),
      },
    ],
    empty: { icon: "box", text: t("deliveries.none") },
    row: { attrs: (o) => ({ dataset: { poId: o.id } }) },
    load: ({ sort, page, perPage, signal }) => api("GET", `/api/v1/deliveries${query({ sort, page, per_page: perPage })}`, undefined, { signal }),
  });
  container.append(
    pageHeader({ title: t("deliveries.title"), subtitle: h("span", { class: "crumb" }, t("deliveries.subtitle")) }),
    h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
