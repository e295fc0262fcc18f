// Signing in at the till with a PIN (on the paired device's register), a manager unlocking
// someone there, and unlocking a locked till.

import { api } from "../common/api.js";
import { errorText, h, icon, openDialog, replace } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { applyKey, keypad, routeKeys } from "./keypad.js";

const PIN_MAX = 8;

export function initials(text) {
  const words = String(text || "?").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/** What a wrong PIN answer says: how many tries are left, or that the account is locked. */
export function pinErrorText(err) {
  if (err?.code === "invalid_credentials" || err?.code === "approval_invalid") {
    const left = err.details?.tries_left;
    if (left === 1) return t("pos.signin.wrong_pin_last");
    if (Number.isInteger(left)) return t("pos.signin.wrong_pin_left", { count: left });
    return t("pos.signin.wrong_pin");
  }
  if (err?.code === "account_locked") return t("pos.signin.locked_here");
  if (err?.name === "Error" && err.message) return err.message;
  return errorText(err);
}

/**
 * A PIN pad: dots, the keypad and physical digit keys. `submit(pin)` is
 * called with 4+ digits on OK / Enter and may throw to show an error.
 */
export function pinPad({ submit, id = "pin-pad", disabled = () => false, enterLabel }) {
  let pin = "";
  const dots = h("div", { class: "pin-dots", id: `${id}-dots`, "aria-live": "polite" });
  const error = h("p", { class: "form-error", id: `${id}-error`, role: "alert" });
  let busy = false;
  const draw = () => {
    replace(dots, Array.from({ length: Math.max(4, pin.length) }, (_, i) =>
      h("i", { class: i < pin.length ? "is-on" : "" })));
    dots.setAttribute("aria-label", t("pos.signin.digits", { count: pin.length }));
  };
  let overflow = false; // more digits than a PIN has: a scanner's burst, not a person
  const press = async (key) => {
    if (busy || disabled()) return;
    if (key === "enter") {
      if (overflow) {
        overflow = false;
        pin = "";
        draw();
        error.textContent = t("pos.signin.pin_long");
        return;
      }
      if (pin.length < 4) {
        error.textContent = t("pos.signin.pin_short");
        return;
      }
      busy = true;
      error.textContent = "";
      try {
        await submit(pin);
      } catch (err) {
        error.textContent = pinErrorText(err);
      } finally {
        busy = false;
        pin = "";
        draw();
      }
      return;
    }
    const next = applyKey(pin, key, { maxLength: PIN_MAX, decimals: 0 });
    if (/^\d$/.test(key) && next === pin) overflow = true;
    if (key === "back" || key === "clear") overflow = false;
    pin = next;
    if (pin) error.textContent = "";
    draw();
  };
  const pad = keypad({ onKey: press, enter: enterLabel ?? t("pos.signin.ok"), id: `${id}-keys` });
  const el = h("div", { class: "pin-pad", id }, dots, pad, error);
  routeKeys(el, press);
  draw();
  return {
    el,
    clear: () => { pin = ""; draw(); },
    setError: (text) => { error.classList.remove("form-notice"); error.textContent = text; },
    setNotice: (text) => { error.classList.add("form-notice"); error.textContent = text; },
  };
}

/** A tile for a person of the PIN pad. */
function staffTile(s, chosen, onChoose) {
  return h("button", {
    type: "button",
    class: "staff",
    dataset: { staffId: s.id, name: s.display_name },
    "aria-pressed": String(s.id === chosen),
    onclick: () => onChoose(s.id),
  },
  h("span", { class: "avatar", "aria-hidden": "true" }, s.initials || initials(s.display_name)),
  h("span", {}, h("strong", {}, s.display_name)));
}

/** A group of tiles where one person is chosen at a time. */
function staffPicker(people, { id, label, onChoose }) {
  let chosen = people.length === 1 ? people[0].id : null;
  const el = h("div", { class: "staff-list", id, role: "group", "aria-label": label });
  const draw = () => replace(el, people.map((p) => staffTile(p, chosen, (who) => {
    chosen = who;
    draw();
    onChoose?.(who);
  })));
  draw();
  return { el, chosen: () => chosen };
}

/**
 * A manager unlocks someone locked at this till with their own PIN. Resolves true once
 * unlocked.
 */
export function askUnlock({ staff, register, person }) {
  const managers = staff.filter((s) => s.can_approve && s.id !== person.id);
  return openDialog({
    title: t("pos.unlock.title", { name: person.display_name }),
    id: "unlock-dialog",
    body: (close) => {
      const picker = staffPicker(managers, { id: "unlock-managers", label: t("pos.signin.who") });
      const pad = pinPad({
        id: "unlock-pin",
        enterLabel: t("pos.unlock.ok"),
        submit: async (pin) => {
          const approver = picker.chosen();
          if (!approver) throw new Error(t("pos.approval.choose"));
          await api("POST", "/api/v1/auth/unlock", { register_id: register.id, staff_id: person.id, approver_id: approver, pin });
          close(true);
        },
      });
      return h("div", { class: "approval" },
        h("div", { class: "approval-note" }, icon("lock"), h("span", {}, t("pos.unlock.why"))),
        picker.el,
        pad.el);
    },
    actions: (close) => [h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(false) }, t("common.cancel"))],
  }).then((done) => done === true);
}

/** The sign-in screen: tap yourself, then your PIN (on the device's register). */
export function renderSignIn(root, { staff, register, notice, localeSwitch, onSignedIn }) {
  const loginInput = h("input", {
    id: "signin-login",
    class: "input",
    type: "text",
    autocomplete: "username",
    autocapitalize: "none",
    spellcheck: "false",
    placeholder: t("pos.signin.login_placeholder"),
  });
  const unlockSlot = h("div", { class: "unlock-slot", id: "signin-unlock" });
  const picker = staffPicker(staff, {
    id: "staff-list",
    label: t("pos.signin.who"),
    onChoose: () => {
      pad.setError("");
      replace(unlockSlot);
    },
  });
  const offerUnlock = (personId) => {
    const person = staff.find((s) => s.id === personId);
    if (!person) return;
    replace(unlockSlot, h("button", {
      type: "button",
      class: "btn btn-secondary btn-block",
      id: "signin-unlock-button",
      onclick: async () => {
        if (await askUnlock({ staff, register, person })) {
          replace(unlockSlot);
          pad.setError("");
          pad.setNotice(t("pos.unlock.done", { name: person.display_name }));
        }
      },
    }, icon("lock"), h("span", {}, t("pos.unlock.open"))));
  };
  const pad = pinPad({
    id: "signin-pin",
    submit: async (pin) => {
      const staffId = picker.chosen();
      const login = staff.length ? null : loginInput.value.trim().toLowerCase();
      if (!staffId && !login) throw new Error(t("pos.signin.choose"));
      const who = staffId ? { staff_id: staffId } : { login };
      try {
        await api("POST", "/api/v1/auth/login", { ...who, pin, register_id: register?.id });
      } catch (err) {
        if (err?.code === "account_locked" && staffId) offerUnlock(staffId);
        throw err;
      }
      await onSignedIn();
    },
  });
  replace(root, h("div", { class: "pos-root" },
    h("div", { class: "screen" },
      h("div", { class: "screen-card", id: "signin" },
        h("div", { class: "report-head" },
          h("div", {},
            h("h1", {}, t("pos.signin.title")),
            h("p", { class: "sub" }, register ? `${register.name} · ${register.code}` : "",
              " — ", staff.length ? t("pos.signin.sub_staff") : t("pos.signin.sub_login"))),
          localeSwitch()),
        notice ? h("div", { class: "alert alert-info", role: "status" }, icon("lock"), h("span", {}, notice)) : null,
        h("div", { class: "signin-grid" },
          staff.length
            ? picker.el
            : h("div", { class: "field" }, h("label", { for: "signin-login" }, t("pos.signin.login")), loginInput,
              h("p", { class: "muted" }, t("pos.signin.no_staff"))),
          h("div", {}, pad.el, unlockSlot))))));
  if (!staff.length) loginInput.focus();
}

/** The lock overlay: the signed-in employee's PIN, or switch user. */
export function renderLock({ user, register, onUnlocked, onSwitchUser }) {
  const pad = pinPad({
    id: "lock-pin",
    enterLabel: t("pos.lock.unlock"),
    submit: async (pin) => {
      await api("POST", "/api/v1/auth/login", { staff_id: user.id, pin, register_id: register?.id });
      onUnlocked();
    },
  });
  return h("div", { class: "lock", id: "pos-lock", role: "dialog", "aria-modal": "true", "aria-labelledby": "lock-title" },
    h("div", { class: "screen-card" },
      h("div", { class: "lock-head" },
        icon("lock"),
        h("div", {},
          h("h1", { id: "lock-title" }, t("pos.lock.title")),
          h("p", { class: "sub" }, t("pos.lock.sub", { name: user.display_name || user.login })))),
      pad.el,
      h("button", { type: "button", class: "btn btn-secondary btn-block", id: "lock-switch", onclick: onSwitchUser },
        t("pos.lock.switch"))));
}
