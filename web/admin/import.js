// CSV import (with a dry-run check) and export of the catalog.
// Imports are all-or-nothing on the server: any bad row rejects the whole
// file with every row error listed, which this page shows as a table.

import { api } from "../common/api.js";
import { errorText, h, icon, replace, toast } from "../common/dom.js";
import { formatNumber, getLocale, hasMessage, t, tn } from "../common/i18n.js";
import { pageHeader, setAlert } from "./ui.js";


/**
 * Decodes a file as UTF-8, falling back to Windows-1252 (what spreadsheet
 * programs often save as "CSV") when the bytes are not valid UTF-8.
 */
async function readCsv(file) {
  const bytes = await file.arrayBuffer();
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), legacy: false };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), legacy: true };
  }
}

function formatSize(bytes) {
  if (bytes < 1024) return t("import.size_bytes", { n: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return t("import.size_kb", { n: formatNumber(Math.ceil(bytes / 1024)) });
  return t("import.size_mb", { n: formatNumber(Math.round(bytes / (1024 * 1024) * 10) / 10) });
}

export function mount(container, ctx) {
  const canImport = ctx.can("catalog_write");
  ctx.setTitle(t("import.title"));
  let chosen = null; // {file, text, legacy, rows}
  let busy = false;

  const fileInput = h("input", {
    id: "import-file",
    type: "file",
    accept: ".csv,text/csv",
    "data-test": "import-file",
    disabled: !canImport,
  });
  const dropzone = h("label", { class: "dropzone", for: "import-file", id: "import-dropzone" },
    icon("upload"),
    h("strong", {}, t("import.drop_title")),
    h("span", {}, t("import.drop_hint")),
    fileInput);
  const summary = h("div", { class: "file-summary", id: "import-file-summary", hidden: true });
  const check = h("button", { type: "button", id: "import-check", class: "btn btn-secondary", disabled: true },
    icon("check"), t("import.check"));
  const run = h("button", { type: "button", id: "import-run", class: "btn btn-primary", disabled: true },
    icon("upload"), t("import.run"));
  const alert = h("div", { class: "alert alert-error", role: "alert", id: "import-alert", hidden: true });
  const result = h("section", { id: "import-result", "aria-live": "polite", hidden: true });
  const errors = h("section", { id: "import-errors", class: "card card-flush", "data-test": "import-errors", hidden: true });

  container.append(
    pageHeader({
      title: t("import.title"),
      subtitle: h("span", { class: "crumb" }, t("import.subtitle")),
      actions: [
        h("a", { href: "/api/v1/catalog/export", id: "export-csv", class: "btn btn-secondary", download: "catalog.csv" },
          icon("download"), t("import.export")),
      ],
    }),
    h("div", { class: "page-body" },
      canImport ? null : h("div", { class: "alert alert-info", id: "read-only-notice" }, icon("lock"),
        h("span", {}, t("import.read_only", { role: t(`role.${ctx.user.role}`) }))),
      h("div", { class: "layout-2col" },
        h("section", { class: "card" },
          h("div", { class: "card-header" }, h("h2", {}, t("import.choose"))),
          h("div", { class: "card-body stack" },
            dropzone,
            summary,
            h("div", { class: "toolbar" }, check, run))),
        h("section", { class: "card" },
          h("div", { class: "card-header" }, h("h2", {}, t("import.how_title"))),
          h("div", { class: "card-body" },
            h("ul", { class: "rules" },
              h("li", {}, t("import.rule_header")),
              h("li", {}, t("import.rule_all_or_nothing")),
              h("li", {}, t("import.rule_check")),
              h("li", {}, t("import.rule_template")))))),
      alert,
      result,
      errors),
  );

  async function choose(file) {
    if (!file) return;
    clearOutcome();
    try {
      const { text, legacy } = await readCsv(file);
      const rows = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== "").length;
      chosen = { file, text, legacy, rows };
    } catch (err) {
      chosen = null;
      setAlert(alert, errorText(err));
    }
    drawSummary();
  }

  function drawSummary() {
    check.disabled = run.disabled = !chosen || busy || !canImport;
    if (!chosen) {
      summary.hidden = true;
      return;
    }
    replace(summary,
      icon("file"),
      h("div", {},
        h("strong", { id: "import-file-name" }, chosen.file.name),
        h("div", { class: "muted" },
          `${formatSize(chosen.file.size)} · ${tn("import.lines", Math.max(0, chosen.rows - 1))}`),
        chosen.legacy ? h("div", { class: "hint" }, t("import.legacy_encoding")) : null));
    summary.hidden = false;
  }

  function clearOutcome() {
    setAlert(alert);
    result.hidden = true;
    result.replaceChildren();
    errors.hidden = true;
    errors.replaceChildren();
  }

  async function upload(dryRun) {
    if (!chosen || busy) return;
    busy = true;
    clearOutcome();
    const button = dryRun ? check : run;
    drawSummary();
    button.setAttribute("aria-busy", "true");
    try {
      const body = await api("POST", `/api/v1/catalog/import?dry_run=${dryRun}`, chosen.text,
        { contentType: "text/csv; charset=utf-8" });
      showResult(body, dryRun);
    } catch (err) {
      if (err.status === 422 && Array.isArray(err.details?.errors)) {
        showErrors(err.details.errors, dryRun, err.details.error_count);
      } else {
        setAlert(alert, errorText(err));
        toast(errorText(err), { kind: "error" });
      }
    } finally {
      busy = false;
      button.removeAttribute("aria-busy");
      drawSummary();
    }
  }

  function showResult(body, dryRun) {
    const stat = (id, value, label) => h("div", { class: "stat", id },
      h("span", { class: "stat-value" }, formatNumber(value ?? 0)),
      h("span", { class: "stat-label" }, label));
    const wasDry = body?.dry_run ?? dryRun;
    replace(result,
      h("div", { class: `alert ${wasDry ? "alert-info" : "alert-success"}` }, icon("check"),
        h("div", {},
          h("span", { class: "alert-title" }, wasDry ? t("import.check_ok_title") : t("import.done_title")),
          h("span", {}, wasDry ? t("import.check_ok_body") : t("import.done_body")))),
      h("div", { class: "stats" },
        stat("import-created", body?.created, t("import.created")),
        stat("import-updated", body?.updated, t("import.updated")),
        stat("import-unchanged", body?.unchanged, t("import.unchanged"))));
    result.classList.add("stack");
    result.hidden = false;
    if (!wasDry) toast(t("import.done_title"), { kind: "success" });
  }

  /** A row error in the page's language, by its code; the server's English reason only on an English page. */
  function rowErrorText(e) {
    const key = `import.error.${e.code}`;
    if (e.code && e.code !== "invalid" && hasMessage(key)) return t(key, { ...(e.params ?? {}), column: e.column ?? "" });
    if (getLocale() === "en" || !e.code) return e.reason ?? e.message ?? "";
    return t("import.error.invalid", { column: e.column ?? "" });
  }

  function showErrors(list, dryRun, total) {
    const rows = [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const count = Math.max(total ?? 0, rows.length);
    replace(errors,
      h("div", { class: "card-header" },
        h("span", { class: "badge badge-danger badge-plain" }, formatNumber(count)),
        h("h2", {}, tn("import.errors_title", count)),
        h("span", { class: "muted card-actions" }, dryRun ? t("import.errors_dry") : t("import.errors_nothing"))),
      h("div", { class: "table-wrap" },
        h("table", { class: "table", id: "import-errors-table" },
          h("thead", {},
            h("tr", {},
              h("th", { scope: "col", class: "num col-line" }, t("import.line")),
              h("th", { scope: "col", class: "col-column" }, t("import.column")),
              h("th", { scope: "col" }, t("import.reason")))),
          h("tbody", {}, rows.map((e) => h("tr", { dataset: { line: e.line ?? "" } },
            h("td", { class: "num" }, e.line === undefined || e.line === null ? t("common.none") : formatNumber(e.line)),
            h("td", { class: "mono" }, e.column ?? t("common.none")),
            h("td", {}, rowErrorText(e)))))),
        count > rows.length ? h("p", { class: "muted" }, t("import.errors_more", { shown: formatNumber(rows.length) })) : null));
    errors.hidden = false;
    errors.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  fileInput.addEventListener("change", () => choose(fileInput.files?.[0]));
  check.addEventListener("click", () => upload(true));
  run.addEventListener("click", () => upload(false));

  // Drag and drop: onto the zone to choose; anywhere else must not open the file in the tab.
  const swallow = (event) => {
    if (event.dataTransfer?.types?.includes("Files")) event.preventDefault();
  };
  const onDrop = (event) => {
    swallow(event);
    dropzone.classList.remove("is-over");
    if (canImport && dropzone.contains(event.target)) choose(event.dataTransfer.files?.[0]);
  };
  dropzone.addEventListener("dragenter", () => dropzone.classList.add("is-over"));
  dropzone.addEventListener("dragleave", (event) => {
    if (!dropzone.contains(event.relatedTarget)) dropzone.classList.remove("is-over");
  });
  window.addEventListener("dragover", swallow);
  window.addEventListener("drop", onDrop);

  return {
    unmount() {
      window.removeEventListener("dragover", swallow);
      window.removeEventListener("drop", onDrop);
    },
  };
}
