// Staff: the store's accounts (name, login, role, PIN, active, locked) and what a manager
// does to them: create, edit the name or role, reset the password or the PIN, unlock,
// end sessions, deactivate and reactivate. Owners manage everyone, managers cashiers; the
// server refuses the rest (and the last active owner's removal) and this page says why.
// The list sorts by name, login or role and pages on the server, kept in the URL.

import { api, query } from "../common/api.js";
import { errorText, h, icon, openDialog, toast } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { createList } from "./list.js";
import { clearFieldErrors, field, focusFirstInvalid, pageHeader, selectInput, setAlert, showApiFieldErrors, textInput } from "./ui.js";

const ROLES = ["cashier", "manager", "owner"];

/** Whether the signed-in user may manage an account of this role. */
function manages(me, role) {
  return me.role === "owner" || (me.role === "manager" && role === "cashier");
}

function roleOptions(me) {
  return ROLES.filter((r) => manages(me, r)).map((r) => ({ value: r, label: t(`staff.role.${r}`) }));
}

function failed(form, alertBox, err) {
  clearFieldErrors(form);
  const unmatched = showApiFieldErrors(form, err);
  focusFirstInvalid(form);
  setAlert(alertBox, unmatched.length ? unmatched.join(" ") : null);
}

/** A dialog with one form; `send(values)` posts it and resolves with the saved account. */
function formDialog({ id, title, fields, submitLabel, send }) {
  const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true });
  const form = h("form", { class: "form-grid", id: `${id}-form`, novalidate: true }, ...fields, h("div", { class: "span-2" }, alertBox));
  return openDialog({
    title,
    id,
    body: form,
    actions: (close) => {
      const save = h("button", { type: "submit", class: "btn btn-primary", id: `${id}-save` }, icon("check"), submitLabel);
      const submit = async (event) => {
        event?.preventDefault();
        save.disabled = true;
        try {
          close(await send());
        } catch (err) {
          if (err.code === "last_owner") setAlert(alertBox, t("staff.last_owner"));
          else failed(form, alertBox, err);
          save.disabled = false;
        }
      };
      form.addEventListener("submit", submit);
      save.addEventListener("click", submit);
      return [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(undefined) }, t("common.cancel")), save];
    },
  });
}

function createDialog(me) {
  const login = textInput("staff-login", { maxlength: 64, autocomplete: "off" });
  const name = textInput("staff-name", { maxlength: 100 });
  const role = selectInput("staff-role", roleOptions(me));
  const password = textInput("staff-password", { type: "password", autocomplete: "new-password" });
  const pin = textInput("staff-pin", { inputmode: "numeric", maxlength: 8, autocomplete: "off" });
  return formDialog({
    id: "staff-create",
    title: t("staff.new"),
    submitLabel: t("staff.create"),
    fields: [
      field({ name: "login", id: "staff-login", label: t("staff.login"), control: login, required: true }),
      field({ name: "display_name", id: "staff-name", label: t("staff.name"), control: name }),
      field({ name: "role", id: "staff-role", label: t("staff.role"), control: role }),
      field({ name: "password", id: "staff-password", label: t("staff.password"), control: password, hint: t("staff.password_hint"), required: true }),
      field({ name: "pin", id: "staff-pin", label: t("staff.pin"), control: pin, hint: t("staff.pin_hint") }),
    ],
    send: () => api("POST", "/api/v1/users", {
      login: login.value.trim(),
      display_name: name.value.trim() || null,
      role: role.value,
      password: password.value,
      pin: pin.value.trim() || null,
    }),
  });
}

function editDialog(me, user) {
  const name = textInput("staff-edit-name", { value: user.display_name, maxlength: 100 });
  const role = selectInput("staff-edit-role", roleOptions(me));
  role.value = user.role;
  return formDialog({
    id: "staff-edit",
    title: t("staff.edit_title", { name: user.display_name }),
    submitLabel: t("common.save"),
    fields: [
      field({ name: "display_name", id: "staff-edit-name", label: t("staff.name"), control: name, required: true }),
      field({ name: "role", id: "staff-edit-role", label: t("staff.role"), control: role }),
    ],
    send: () => api("PATCH", `/api/v1/users/${user.id}`, { display_name: name.value.trim(), role: role.value }),
  });
}

function passwordDialog(user) {
  const password = textInput("staff-new-password", { type: "password", autocomplete: "new-password" });
  return formDialog({
    id: "staff-password",
    title: t("staff.password_title", { name: user.display_name }),
    submitLabel: t("staff.password_set"),
    fields: [field({ name: "password", id: "staff-new-password", label: t("staff.password"), control: password, hint: t("staff.password_hint"), required: true })],
    send: () => api("POST", `/api/v1/users/${user.id}/password`, { password: password.value }),
  });
}

function pinDialog(user) {
  const pin = textInput("staff-new-pin", { inputmode: "numeric", maxlength: 8, autocomplete: "off" });
  return formDialog({
    id: "staff-pin",
    title: t("staff.pin_title", { name: user.display_name }),
    submitLabel: t("staff.pin_set"),
    fields: [field({ name: "pin", id: "staff-new-pin", label: t("staff.pin"), control: pin, hint: t("staff.pin_hint"), required: true })],
    send: () => api("POST", `/api/v1/users/${user.id}/pin`, { pin: pin.value.trim() }),
  });
}

function badges(user) {
  return h("span", { class: "badges" },
    h("span", { class: `badge ${user.active ? "badge-success" : "badge-neutral"}` }, user.active ? t("staff.active") : t("staff.inactive")),
    user.locked ? h("span", { class: "badge badge-danger", dataset: { locked: "" } }, t("staff.locked")) : null);
}

/** What can be done to one account, as buttons (only what the signed-in user may do). */
function actions(me, user, done) {
  if (!manages(me, user.role)) return h("span", { class: "muted" }, t("staff.not_yours"));
  const run = (label, send) => async () => {
    try {
      const saved = await send();
      if (saved) {
        toast(label, { kind: "success" });
        done();
      }
    } catch (err) {
      toast(err.code === "last_owner" ? t("staff.last_owner") : errorText(err), { kind: "error" });
    }
  };
  const button = (key, iconName, onclick, extra = {}) => h("button", {
    type: "button", class: "btn btn-secondary btn-sm", dataset: { action: key, login: user.login }, title: t(`staff.do.${key}`), onclick, ...extra,
  }, icon(iconName), h("span", {}, t(`staff.do.${key}`)));
  return h("div", { class: "row-actions" },
    button("edit", "file", run(t("staff.saved"), () => editDialog(me, user))),
    button("password", "lock", run(t("staff.password_done"), () => passwordDialog(user))),
    button("pin", "grid", run(t("staff.pin_done"), () => pinDialog(user))),
    user.locked ? button("unlock", "check", run(t("staff.unlocked"), () => api("POST", `/api/v1/users/${user.id}/unlock`))) : null,
    user.active
      ? button("deactivate", "x", run(t("staff.deactivated"), () => api("POST", `/api/v1/users/${user.id}/deactivate`)))
      : button("activate", "check", run(t("staff.activated"), () => api("POST", `/api/v1/users/${user.id}/activate`))));
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("staff.title"));
  const me = ctx.user;
  const list = createList({
    id: "staff",
    ctx,
    route,
    caption: t("staff.title"),
    defaultSort: "name",
    columns: [
      { key: "name", label: t("staff.name"), sort: "name",
        render: (u) => [h("strong", {}, u.display_name), h("div", { class: "muted mono" }, u.login)] },
      { key: "role", label: t("staff.role"), sort: "role", render: (u) => t(`staff.role.${u.role}`) },
      { key: "pin", label: t("staff.pin"), render: (u) => (u.has_pin ? t("common.yes") : t("common.no")) },
      { key: "state", label: t("staff.state"), render: badges },
      { key: "actions", label: t("staff.actions"), render: (u) => actions(me, u, () => list.reload()) },
    ],
    empty: { icon: "user" },
    row: { attrs: (u) => ({ dataset: { userId: u.id, login: u.login }, class: u.active ? null : "is-inactive" }) },
    load: ({ sort, page, perPage, signal }) => api("GET", `/api/v1/users${query({ sort, page, per_page: perPage })}`, undefined, { signal }),
  });
  const add = h("button", {
    type: "button", class: "btn btn-primary", id: "staff-add",
    onclick: async () => {
      if (await createDialog(me)) {
        toast(t("staff.created"), { kind: "success" });
        list.reload();
      }
    },
  }, icon("plus"), t("staff.add"));
  container.append(
    pageHeader({ title: t("staff.title"), subtitle: h("p", { class: "muted" }, t("staff.subtitle")), actions: [add] }),
    h("div", { class: "page-body stack" }, list.element));
  list.reload();
  return { unmount: () => list.unmount() };
}
