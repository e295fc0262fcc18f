// Pairing this device with a register, once: a manager signs in with their password (the
// session is the till's own and ends right after), picks the register, and the server
// gives the device its token as an HttpOnly cookie. Until then the till shows nobody.

import { api } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { t } from "../common/i18n.js";

function pairingError(err) {
  if (err?.code === "invalid_credentials") {
    return t("pos.pair.wrong", { count: err.details?.tries_left ?? 0 });
  }
  if (err?.code === "account_locked") return t("pos.pair.locked");
  if (err?.code === "forbidden") return t("pos.pair.not_manager");
  return errorText(err);
}

/** The pairing screen; `onPaired()` once the device has its token. */
export function renderPairing(root, { localeSwitch, onPaired }) {
  const error = h("p", { class: "form-error", id: "pair-error", role: "alert" });
  const login = h("input", { id: "pair-login", class: "input", type: "text", autocomplete: "username", autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { id: "pair-password", class: "input", type: "password", autocomplete: "current-password" });
  const body = h("div", { class: "pair-body" });
  const card = h("div", { class: "screen-card", id: "pairing" },
    h("div", { class: "report-head" },
      h("div", {},
        h("h1", {}, t("pos.pair.title")),
        h("p", { class: "sub" }, t("pos.pair.sub"))),
      localeSwitch()),
    h("div", { class: "alert alert-info", role: "note" }, icon("lock"), h("span", {}, t("pos.pair.why"))),
    body,
    error);
  replace(root, h("div", { class: "pos-root" }, h("div", { class: "screen" }, card)));

  let busy = false;
  const signIn = async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    error.textContent = "";
    try {
      await api("POST", "/api/v1/auth/login", { login: login.value.trim(), password: password.value });
      password.value = "";
      const list = await api("GET", "/api/v1/registers");
      showRegisters((list?.items ?? []).filter((r) => r.active));
    } catch (err) {
      error.textContent = pairingError(err);
    } finally {
      busy = false;
    }
  };
  replace(body, h("form", { class: "pair-form", id: "pair-form", onsubmit: signIn },
    h("div", { class: "field" }, h("label", { for: "pair-login" }, t("pos.pair.login")), login),
    h("div", { class: "field" }, h("label", { for: "pair-password" }, t("pos.pair.password")), password),
    h("button", { type: "submit", class: "btn btn-primary btn-block", id: "pair-submit" }, t("pos.pair.next"))));
  login.focus();

  const pair = async (register) => {
    if (busy) return;
    busy = true;
    error.textContent = "";
    try {
      await api("POST", "/api/v1/devices", { register_id: register.id });
      // The manager's password session was only for pairing.
      await api("POST", "/api/v1/auth/logout").catch(() => {});
      onPaired();
    } catch (err) {
      error.textContent = pairingError(err);
      // Someone who may not pair signed in for nothing: end that session.
      if (err?.code === "forbidden") await api("POST", "/api/v1/auth/logout").catch(() => {});
    } finally {
      busy = false;
    }
  };
  function showRegisters(registers) {
    replace(body,
      h("p", { class: "sub" }, t("pos.pair.choose")),
      registers.length
        ? h("div", { class: "register-list", id: "register-list" },
          registers.map((r) => h("button", {
            type: "button",
            class: "register-choice",
            dataset: { registerId: r.id, code: r.code },
            onclick: () => pair(r),
          }, h("strong", {}, r.name), h("span", { class: "muted" }, r.code))))
        : h("p", { class: "alert alert-info" }, t("pos.register.none")));
  }
}
