/* Clause: sorting and filters for the comments tables (drafts/<name>.comments/).
 *
 * The page is complete without this script; it adds, from the rows' data attributes, a
 * <select> per member / type / disposition / clause and sorting on a header click. It is a
 * file of the site because the Content-Security-Policy allows scripts from 'self' only: no
 * inline handlers, no eval, no CDN. Filters live in the fragment (#clause=3.1&type=te), so
 * the badges beside the draft's headings open the table already filtered.
 * Every value from the page is set with textContent or compared as a string, never parsed
 * as HTML.
 */
(function () {
  "use strict";

  var FILTERS = [
    { key: "member", label: "Member" },
    { key: "type", label: "Type" },
    { key: "disposition", label: "Disposition" },
    { key: "clause", label: "Clause" }
  ];

  function valuesOf(row, key) {
    if (key === "clause") {
      try {
        var list = JSON.parse(row.getAttribute("data-clauses") || "[]");
        return Array.isArray(list) ? list.map(String) : [];
      } catch (err) {
        return [];
      }
    }
    var value = row.getAttribute("data-" + key);
    return value ? [value] : [];
  }

  function labelOf(row, key, value) {
    return row.getAttribute("data-" + key + "-label") || value;
  }

  function readHash() {
    var wanted = {};
    var hash = window.location.hash.replace(/^#/, "");
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 1) return;
      try {
        wanted[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
      } catch (err) {
        /* a malformed fragment selects nothing */
      }
    });
    return wanted;
  }

  function sortValue(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var given = cell.getAttribute("data-sort");
    return given !== null ? given : cell.textContent.trim();
  }

  function compare(a, b) {
    var x = Number(a);
    var y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function setup(table) {
    if (table.getAttribute("data-comments-ready")) return;
    table.setAttribute("data-comments-ready", "1");
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row.setAttribute("data-index", String(index)); });

    var bar = document.createElement("div");
    bar.className = "comments-filters";
    var selects = {};
    FILTERS.forEach(function (filter) {
      var seen = [];
      var labels = {};
      rows.forEach(function (row) {
        valuesOf(row, filter.key).forEach(function (value) {
          if (seen.indexOf(value) === -1) {
            seen.push(value);
            labels[value] = labelOf(row, filter.key, value);
          }
        });
      });
      if (filter.key === "member") seen.sort(compare);
      var wrap = document.createElement("label");
      wrap.className = "comments-filter";
      var name = document.createElement("span");
      name.textContent = filter.label;
      var select = document.createElement("select");
      select.name = filter.key;
      select.setAttribute("data-filter", filter.key);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      select.appendChild(all);
      seen.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = labels[value];
        select.appendChild(option);
      });
      select.addEventListener("change", function () { apply(true); });
      wrap.appendChild(name);
      wrap.appendChild(select);
      bar.appendChild(wrap);
      selects[filter.key] = select;
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "comments-clear md-button";
    clear.textContent = "Show all";
    clear.addEventListener("click", function () {
      Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
      apply(true);
    });
    bar.appendChild(clear);
    var status = document.createElement("p");
    status.className = "comments-shown";
    status.setAttribute("aria-live", "polite");
    var anchor = table.closest(".comments-table-wrap") || table;
    anchor.parentNode.insertBefore(bar, anchor);
    anchor.parentNode.insertBefore(status, anchor);

    function apply(writeHash) {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = FILTERS.every(function (filter) {
          var wanted = selects[filter.key].value;
          return !wanted || valuesOf(row, filter.key).indexOf(wanted) !== -1;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = "Showing " + shown + " of " + rows.length +
        (rows.length === 1 ? " comment." : " comments.");
      if (writeHash && window.history && window.history.replaceState) {
        var parts = FILTERS.filter(function (filter) { return selects[filter.key].value; })
          .map(function (filter) {
            return filter.key + "=" + encodeURIComponent(selects[filter.key].value);
          });
        var url = window.location.pathname + window.location.search +
          (parts.length ? "#" + parts.join("&") : "");
        window.history.replaceState(window.history.state, "", url);
      }
    }

    function fromHash() {
      var wanted = readHash();
      FILTERS.forEach(function (filter) {
        var select = selects[filter.key];
        var value = wanted[filter.key] || "";
        var known = Array.prototype.some.call(select.options, function (o) {
          return o.value === value;
        });
        select.value = known ? value : "";
      });
      apply(false);
    }

    var headers = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "comments-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var order = rows.slice().sort(function (r1, r2) {
          var a = sortValue(r1, column);
          var b = sortValue(r2, column);
          var result;
          if (a === "" || b === "") {
            result = a === b ? 0 : (a === "" ? 1 : -1); /* empty cells last, either way */
          } else {
            result = ascending ? compare(a, b) : compare(b, a);
          }
          return result ||
            Number(r1.getAttribute("data-index")) - Number(r2.getAttribute("data-index"));
        });
        order.forEach(function (row) { body.appendChild(row); });
      });
    });

    table.commentsFromHash = fromHash;
    fromHash();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-comments-table]"), setup);
  }

  // The count links above the table only change the fragment: apply it to the filters.
  window.addEventListener("hashchange", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-comments-table]"),
      function (table) { if (table.commentsFromHash) table.commentsFromHash(); });
  });

  // Material swaps pages without reloading under instant navigation and announces each one
  // on document$; without Material (or before its bundle) the plain load event does.
  if (typeof window.document$ !== "undefined" && window.document$ &&
      typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
