// Signing in at the till with a PIN, and unlocking a locked till.

import { api } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { applyKey, keypad, routeKeys } from "./keypad.js";

const PIN_MAX = 8;

export function initials(text) {
  const words = String(text || "?").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

function pinErrorText(err) {
  if (err?.code === "invalid_credentials") return t("pos.signin.wrong_pin");
  if (err?.code === "account_locked") return t("pos.signin.locked");
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
  return { el, clear: () => { pin = ""; draw(); }, setError: (text) => { error.textContent = text; } };
}

/** The sign-in screen: pick yourself (or type your login), then your PIN. */
export function renderSignIn(root, { staff, notice, localeSwitch, onSignedIn }) {
  let chosen = staff.length === 1 ? staff[0].login : null;
  const loginInput = h("input", {
    id: "signin-login",
    class: "input",
    type: "text",
    autocomplete: "username",
    autocapitalize: "none",
    spellcheck: "false",
    placeholder: t("pos.signin.login_placeholder"),
  });
  const tiles = staff.map((s) => h("button", {
    type: "button",
    class: "staff",
    dataset: { login: s.login },
    "aria-pressed": String(s.login === chosen),
    onclick: () => {
      chosen = s.login;
      for (const tile of root.querySelectorAll(".staff")) {
        tile.setAttribute("aria-pressed", String(tile.dataset.login === chosen));
      }
      pad.setError("");
    },
  },
  h("span", { class: "avatar", "aria-hidden": "true" }, initials(s.display_name || s.login)),
  h("span", {}, h("strong", {}, s.display_name || s.login), h("span", {}, t(`role.${s.role}`)))));
  const pad = pinPad({
    id: "signin-pin",
    submit: async (pin) => {
      const login = staff.length ? chosen : loginInput.value.trim().toLowerCase();
      if (!login) throw new Error(t("pos.signin.choose"));
      await api("POST", "/api/v1/auth/login", { login, pin });
      await onSignedIn();
    },
  });
  replace(root, h("div", { class: "pos-root" },
    h("div", { class: "screen" },
      h("div", { class: "screen-card", id: "signin" },
        h("div", { class: "report-head" },
          h("div", {},
            h("h1", {}, t("pos.signin.title")),
            h("p", { class: "sub" }, staff.length ? t("pos.signin.sub_staff") : t("pos.signin.sub_login"))),
          localeSwitch()),
        notice ? h("div", { class: "alert alert-info", role: "status" }, icon("lock"), h("span", {}, notice)) : null,
        h("div", { class: "signin-grid" },
          staff.length
            ? h("div", { class: "staff-list", id: "staff-list", role: "group", "aria-label": t("pos.signin.who") }, tiles)
            : h("div", { class: "field" }, h("label", { for: "signin-login" }, t("pos.signin.login")), loginInput),
          pad.el)))));
  if (!staff.length) loginInput.focus();
}

/** The lock overlay: the signed-in employee's PIN, or switch user. */
export function renderLock({ user, onUnlocked, onSwitchUser }) {
  const pad = pinPad({
    id: "lock-pin",
    enterLabel: t("pos.lock.unlock"),
    submit: async (pin) => {
      await api("POST", "/api/v1/auth/login", { login: user.login, pin });
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
