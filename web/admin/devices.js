// The tills paired with the registers: which device is which register, who paired it and
// when, and revoking one (its token stops working and its till sessions end at once).
// Pairing itself happens on the device: a manager opens /pos there and signs in.

import { api } from "../common/api.js";
import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { addMessages, formatDateTime, t } from "../common/i18n.js";

addMessages({
  en: {
    "devices.title": "Paired tills",
    "devices.hint": "A till is paired once: a manager opens /pos on the device and signs in with their password.",
    "devices.none": "No till is paired yet.",
    "devices.name": "Device",
    "devices.register": "Register",
    "devices.paired": "Paired",
    "devices.revoke": "Revoke",
    "devices.revoked": "Revoked",
    "devices.revoked_done": "Revoked: this device must be paired again.",
  },
  fr: {
    "devices.title": "Caisses associées",
    "devices.hint": "Une caisse s’associe une fois : un responsable ouvre /pos sur l’appareil et se connecte avec son mot de passe.",
    "devices.none": "Aucune caisse n’est encore associée.",
    "devices.name": "Appareil",
    "devices.register": "Caisse",
    "devices.paired": "Associée le",
    "devices.revoke": "Révoquer",
    "devices.revoked": "Révoquée",
    "devices.revoked_done": "Révoquée : cet appareil devra être associé à nouveau.",
  },
});

const when = (text) => {
  try {
    return formatDateTime(text);
  } catch {
    return text;
  }
};

/** The card, filled once the list arrives (only managers and owners may list devices). */
export function devicesCard() {
  const card = h("section", { class: "card card-flush", id: "devices-card" },
    h("header", { class: "card-header" }, h("h2", {}, t("devices.title"))),
    h("div", { class: "card-body" }, h("p", { class: "muted" }, t("devices.hint"))));
  const list = h("div", { class: "table-wrap" });
  card.append(list);
  const load = async () => {
    try {
      const body = await api("GET", "/api/v1/devices");
      const items = body?.items ?? [];
      replace(list, h("table", { class: "table", id: "devices-table" },
        h("thead", {}, h("tr", {},
          h("th", {}, t("devices.name")), h("th", {}, t("devices.register")), h("th", {}, t("devices.paired")), h("th", {}, ""))),
        h("tbody", {}, items.length
          ? items.map((d) => h("tr", { dataset: { deviceId: d.id }, class: d.revoked_at ? "is-inactive" : null },
            h("td", {}, d.name),
            h("td", { class: "mono" }, d.register.code),
            h("td", {}, when(d.paired_at)),
            h("td", { class: "num" }, d.revoked_at
              ? h("span", { class: "badge badge-neutral" }, t("devices.revoked"))
              : h("button", {
                type: "button", class: "btn btn-secondary btn-sm", dataset: { revoke: d.id },
                onclick: async () => {
                  try {
                    await api("POST", `/api/v1/devices/${d.id}/revoke`);
                    toast(t("devices.revoked_done"), { kind: "success" });
                    load();
                  } catch (err) {
                    toast(errorText(err), { kind: "error" });
                  }
                },
              }, icon("x"), t("devices.revoke")))))
          : h("tr", { class: "table-empty" }, h("td", { colspan: 4 }, t("devices.none"))))));
    } catch (err) {
      replace(list, h("p", { class: "alert alert-error" }, errorText(err)));
    }
  };
  load();
  return card;
}
