// The tills paired with the registers (#/devices): which device is which register, who
// paired it and when, and revoking one (its token stops working and its till sessions end
// at once). Pairing itself happens on the device: a manager opens /pos there and signs in.

import { api, query } from "../common/api.js";
import { errorText, h, icon, toast } from "../common/dom.js";
import { formatDateTime, t } from "../common/i18n.js";
import { createList } from "./list.js";
import { pageHeader } from "./ui.js";

export function mount(container, ctx, route) {
  ctx.setTitle(t("devices.title"));
  const list = createList({
    id: "devices",
    ctx,
    route,
    caption: t("devices.title"),
    defaultSort: "-paired",
    columns: [
      { key: "name", label: t("devices.name"), sort: "name", className: "cell-strong", render: (d) => d.name },
      { key: "register", label: t("devices.register"), sort: "register", className: "mono", render: (d) => d.register.code },
      { key: "paired", label: t("devices.paired"), sort: "paired", render: (d) => formatDateTime(d.paired_at) },
      {
        key: "state",
        label: t("devices.state"),
        render: (d) => (d.revoked_at
          ? h("span", { class: "badge badge-neutral" }, t("devices.revoked"))
          : h("span", { class: "badge badge-success" }, t("devices.active"))),
      },
      { key: "actions", label: "", className: "num", render: (d) => (d.revoked_at ? null : revokeButton(d)) },
    ],
    empty: { icon: "lock", text: t("devices.none") },
    row: { attrs: (d) => ({ dataset: { deviceId: d.id }, class: d.revoked_at ? "is-inactive" : null }) },
    load: ({ sort, page, perPage, signal }) => api("GET", `/api/v1/devices${query({ sort, page, per_page: perPage })}`, undefined, { signal }),
  });

  function revokeButton(d) {
    return h("button", {
      type: "button", class: "btn btn-secondary btn-sm", dataset: { revoke: d.id },
      onclick: async () => {
        try {
          await api("POST", `/api/v1/devices/${d.id}/revoke`);
          toast(t("devices.revoked_done"), { kind: "success" });
          list.reload();
        } catch (err) {
          toast(errorText(err), { kind: "error" });
        }
      },
    }, icon("x"), t("devices.revoke"));
  }

  container.append(
    pageHeader({ title: t("devices.title"), subtitle: h("p", { class: "muted", id: "devices-hint" }, t("devices.hint")) }),
    h("div", { class: "page-body" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
