// Sign-in screen: login + password, clear errors for bad credentials and
// locked accounts (with the time the lock ends).

import { api } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { formatTimeOrDateTime, t } from "../common/i18n.js";

/**
 * Renders the sign-in page into `root`. `onSignedIn` runs after a successful
 * login; `notice` is an optional message shown above the form (e.g. session
 * expired); `values.login` pre-fills the login field.
 */
export function renderLogin(root, { onSignedIn, notice, values = {}, localeSwitch }) {
  const loginInput = h("input", {
    id: "login",
    name: "login",
    class: "input",
    type: "text",
    autocomplete: "username",
    autocapitalize: "none",
    spellcheck: "false",
    required: true,
    value: values.login ?? "",
  });
  const passwordInput = h("input", {
    id: "password",
    name: "password",
    class: "input",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const errorBox = h("div", {
    id: "login-error",
    class: "alert alert-error",
    role: "alert",
    "data-test": "login-error",
    hidden: true,
  });
  const submit = h("button", { id: "login-submit", type: "submit", class: "btn btn-primary btn-block" },
    t("login.submit"));

  function showError(message) {
    replace(errorBox, icon("alert"), h("span", {}, message));
    errorBox.hidden = false;
  }

  async function onSubmit(event) {
    event.preventDefault();
    errorBox.hidden = true;
    const login = loginInput.value.trim();
    const password = passwordInput.value;
    if (!login || !password) {
      showError(t("login.missing"));
      (login ? passwordInput : loginInput).focus();
      return;
    }
    submit.disabled = true;
    submit.setAttribute("aria-busy", "true");
    try {
      await api("POST", "/api/v1/auth/login", { login, password });
      await onSignedIn();
    } catch (err) {
      showError(loginErrorText(err));
      passwordInput.value = "";
      passwordInput.focus();
    } finally {
      submit.disabled = false;
      submit.removeAttribute("aria-busy");
    }
  }

  replace(
    root,
    h("div", { class: "auth-page" },
      h("div", { class: "auth-card" },
        h("div", { class: "card" },
          h("div", { class: "card-body" },
            h("div", { class: "auth-brand" },
              h("div", { class: "brand-mark", "aria-hidden": "true" }, "C"),
              h("div", {},
                h("span", { class: "brand-name" }, t("app.name")),
                h("span", { class: "brand-sub" }, t("nav.back_office")))),
            h("div", {},
              h("h1", {}, t("login.title")),
              h("p", { class: "muted" }, t("login.intro"))),
            notice ? h("div", { class: "alert alert-info", role: "status" }, icon("lock"), h("span", {}, notice)) : null,
            errorBox,
            h("form", { id: "login-form", class: "stack", novalidate: true, onsubmit: onSubmit },
              h("div", { class: "field" },
                h("label", { for: "login" }, t("login.login")),
                loginInput),
              h("div", { class: "field" },
                h("label", { for: "password" }, t("login.password")),
                passwordInput),
              submit))),
        h("div", { class: "auth-footer" },
          localeSwitch(),
          h("a", { href: "/api/docs", target: "_blank", rel: "noopener" }, t("nav.api_docs"))))),
  );
  (values.login ? passwordInput : loginInput).focus();
}

function loginErrorText(err) {
  if (err.code === "invalid_credentials") return t("login.invalid");
  if (err.code === "account_locked" || err.status === 423) {
    const until = err.details?.locked_until;
    return until
      ? t("login.locked_until", { time: formatTimeOrDateTime(until) })
      : t("login.locked");
  }
  return errorText(err);
}
