// The cashier terminal: sign-in, the register this device is, the drawer,
// the selling screen, and the lock after a while without activity.
//
// Screens: pairing (first use of a device: a manager signs in with their
// password and picks the register) → sign-in (PIN pad) → float count (when
// the drawer is closed) → the till. The device's token lives in an HttpOnly
// cookie; the till's session in its own cookie, never the back office's.

import { api, setDefaultHeaders, setUnauthenticatedHandler } from "../common/api.js";
import { errorText, h, replace } from "../common/dom.js";
import { LOCALES, addMessages, getLocale, setLocale, setStoreContext, t } from "../common/i18n.js";
import { messages } from "./messages.js";
import { accessMessages } from "./messages-access.js";
import { tillMessages } from "./messages-till.js";
import { renderPairing } from "./pairing.js";
import { renderSignIn, renderLock } from "./signin.js";
import { renderFloat } from "./drawer.js";
import { mountTill } from "./till.js";

addMessages(messages);
addMessages(accessMessages);
addMessages(tillMessages);
setDefaultHeaders({ "X-Caisse-Till": "1" });

const root = document.getElementById("app");

/** What every screen shares. */
export const session = {
  user: null, // {id, login, display_name, role}
  store: null, // {id, name, currency, locale, time_zone}
  register: null, // RegisterView
  settings: null, // checkout settings (pos_lock_minutes, …)
  staff: [], // [{id, display_name, initials, can_approve}] for the PIN pad and approvals
  device: null, // {id, code, name}: the register this device is paired with
};

let till = null; // the mounted till: {unmount, refresh}
let idleTimer = null;
let locked = false;

/** The PIN pad's people and the device's register; false when the device is not paired. */
async function loadStaff() {
  try {
    const body = await api("GET", "/api/v1/auth/staff");
    session.staff = body?.items ?? [];
    session.device = body?.register ?? null;
    return true;
  } catch (err) {
    session.staff = [];
    session.device = null;
    if (err.code === "device_not_paired") return false;
    throw err;
  }
}

// ----------------------------------------------------------------- boot

async function boot() {
  document.body.classList.add("pos");
  setUnauthenticatedHandler(() => {
    if (session.user) signedOut(t("pos.signin.expired"));
  });
  window.addEventListener("caisse:localechange", () => rerender());
  for (const ev of ["pointerdown", "keydown"]) window.addEventListener(ev, resetIdle, true);
  // A button tapped or clicked gives the focus back to the page: the keyboard (and the
  // scanner's Enter) must not press it again.
  // (Capture phase: before the button's own handler opens a dialog that would give the
  // focus back to it on closing.)
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (button && event.detail > 0) button.blur();
  }, true);
  try {
    if (!(await loadStaff())) return showPairing();
    const me = await api("GET", "/api/v1/auth/me").catch((err) => {
      if (err.status === 401) return null;
      throw err;
    });
    // Only a till session of this device's register carries on; anything else (a pairing
    // left half-way) is ended and the PIN pad asks.
    if (me?.session?.kind === "till" && me.session.register_id === session.device?.id) {
      await signedIn(me);
    } else {
      if (me) await api("POST", "/api/v1/auth/logout").catch(() => {});
      showSignIn();
    }
  } catch (err) {
    showFatal(err);
  }
}

function showPairing() {
  unmountTill();
  session.user = null;
  document.title = `${t("pos.pair.title")} · ${t("app.name")}`;
  renderPairing(root, { localeSwitch, onPaired: () => boot() });
}

function showFatal(err) {
  replace(root, h("div", { class: "pos-root" },
    h("div", { class: "screen" },
      h("div", { class: "screen-card" },
        h("h1", {}, t("pos.unavailable")),
        h("p", { class: "sub" }, errorText(err)),
        h("button", { type: "button", class: "btn btn-primary", onclick: () => boot() }, t("common.retry"))))));
}

function showSignIn(notice) {
  unmountTill();
  document.title = `${t("pos.signin.title")} · ${t("app.name")}`;
  renderSignIn(root, {
    staff: session.staff,
    register: session.device,
    notice,
    localeSwitch,
    onSignedIn: async () => signedIn(await api("GET", "/api/v1/auth/me")),
  });
}

async function signedIn(me) {
  session.user = me.user;
  session.store = me.store ?? {};
  setStoreContext(session.store);
  try {
    session.settings = await api("GET", "/api/v1/store/checkout");
  } catch {
    session.settings = {};
  }
  await chooseRegister();
}

/** The device's register, fresh (its drawer may have opened or closed elsewhere). */
async function chooseRegister() {
  const body = await api("GET", "/api/v1/registers");
  const register = (body?.items ?? []).find((r) => r.id === session.device?.id);
  if (!register) return showFatal(new Error(t("pos.pair.gone")));
  return registerChosen(register);
}

async function registerChosen(register) {
  session.register = register;
  if (!register.session) return showFloat();
  showTill();
}

function showFloat() {
  unmountTill();
  document.title = `${t("pos.float.title")} · ${t("app.name")}`;
  const body = h("div", { class: "screen" });
  replace(root, h("div", { class: "pos-root" }, topBar(), body));
  renderFloat(body, {
    session,
    onOpened: (register) => {
      session.register = register;
      showTill();
    },
    onCancel: () => signOut(),
  });
}

function showTill() {
  unmountTill();
  document.title = `${session.register.name} · ${t("app.name")}`;
  const main = h("div", { class: "pos-main" });
  replace(root, h("div", { class: "pos-root" }, topBar(), main));
  till = mountTill(main, {
    session,
    isLocked: () => locked,
    onDrawerClosed: () => {
      session.register = { ...session.register, session: null };
      showFloat();
    },
    signOut,
    lock,
    // Another register for this device: a manager pairs it again.
    changeRegister: async () => {
      await signOut();
      if (!session.user) showPairing();
    },
  });
  resetIdle();
}

function unmountTill() {
  try {
    till?.unmount?.();
  } catch (err) {
    console.error(err);
  }
  till = null;
}

function rerender() {
  if (!session.user) return showSignIn();
  if (till) {
    // Re-draw the till in the new language; the sale is on the server.
    showTill();
  } else if (session.register && !session.register.session) {
    showFloat();
  } else {
    chooseRegister().catch(showFatal);
  }
}

async function signOut() {
  if (till?.beforeSignOut) {
    const ok = await till.beforeSignOut();
    if (!ok) return;
  }
  try {
    await api("POST", "/api/v1/auth/logout");
  } catch (err) {
    if (err.status !== 401) console.warn("logout failed", err);
  }
  signedOut();
}

function signedOut(notice) {
  session.user = null;
  locked = false;
  clearTimeout(idleTimer);
  document.getElementById("pos-lock")?.remove();
  showSignIn(notice);
}

// ----------------------------------------------------------------- lock

function lockMinutes() {
  const m = Number(session.settings?.pos_lock_minutes);
  return Number.isFinite(m) && m >= 0 ? m : 5;
}

function resetIdle() {
  clearTimeout(idleTimer);
  if (!session.user || locked || !till) return;
  const minutes = lockMinutes();
  if (minutes > 0) idleTimer = setTimeout(lock, minutes * 60_000);
}

/** Covers the till until the same employee types their PIN (or someone signs in). */
function lock() {
  if (!session.user || locked) return;
  locked = true;
  clearTimeout(idleTimer);
  const overlay = renderLock({
    user: session.user,
    register: session.device,
    onUnlocked: () => {
      locked = false;
      overlay.remove();
      resetIdle();
      till?.focus?.();
    },
    onSwitchUser: () => {
      overlay.remove();
      signOut();
    },
  });
  document.body.append(overlay);
}

// -------------------------------------------------------------- top bar

function initials(text) {
  const words = String(text || "?").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

function localeSwitch() {
  const select = h("select", { id: "locale-switch", class: "select", "aria-label": t("locale.label") },
    LOCALES.map((code) => h("option", { value: code, lang: code }, t(`locale.${code}`))));
  select.value = getLocale();
  select.addEventListener("change", () => setLocale(select.value));
  return select;
}

const clockFormat = () => new Intl.DateTimeFormat(getLocale(), {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: session.store?.time_zone || undefined,
});

function topBar() {
  const { user, store, register } = session;
  const clock = h("span", { class: "pos-clock", id: "pos-clock" });
  const tick = () => {
    if (!clock.isConnected) return;
    clock.textContent = clockFormat().format(new Date());
    setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
  };
  queueMicrotask(tick);
  return h("header", { class: "pos-top" },
    h("div", { class: "brand-mark", "aria-hidden": "true" }, initials(store?.name || "Caisse")),
    h("div", { class: "pos-top-title" },
      h("strong", { id: "pos-shop" }, store?.name || t("app.name")),
      h("span", { id: "pos-register" }, register ? `${register.name} · ${register.code}` : t("pos.title"))),
    h("span", { class: "pos-top-spacer" }),
    h("span", { class: "pos-status", id: "pos-connection", role: "status" }, t("pos.online")),
    clock,
    user
      ? h("span", { class: "pos-user", id: "pos-user" },
        h("span", { class: "avatar", "aria-hidden": "true" }, initials(user.display_name || user.login)),
        h("span", {}, user.display_name || user.login))
      : null,
    localeSwitch(),
    user
      ? h("button", { type: "button", class: "btn-top", id: "pos-lock-button", title: t("pos.lock"), onclick: () => lock() },
        t("pos.lock"))
      : null);
}

boot();
