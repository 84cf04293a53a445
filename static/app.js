// @brief Small enhancements of server-rendered pages (everything works without them):
// as-you-type suggestions under search boxes that carry data-suggest="<id of the list>".
(function () {
  "use strict";

  var KIND_LABELS = { guide: "Guide", experience: "Retour d'expérience", fiche: "Fiche pratique",
                      thread: "Question", resource: "Ressource" };

  // The page of a suggestion, from the API's url (/api/v1/threads/12) and slug.
  function pageOf(item) {
    var last = String(item.url || "").split("/").pop();
    if (item.kind === "thread") return "/questions/" + last;
    if (item.kind === "resource") return "/ressources/" + last;
    return "/articles/" + encodeURIComponent(item.slug || last);
  }

  function render(target, items) {
    target.textContent = "";
    if (!items.length) return;
    var list = document.createElement("ul");
    list.setAttribute("aria-label", "Suggestions");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = pageOf(item);
      a.textContent = item.title;
      var kind = document.createElement("span");
      kind.className = "kb-suggestions__kind";
      kind.textContent = KIND_LABELS[item.kind] || item.kind;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    target.appendChild(list);
  }

  function attach(input) {
    var target = document.getElementById(input.getAttribute("data-suggest"));
    if (!target) return;
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { render(target, []); return; }
      timer = setTimeout(function () {
        var ticket = ++latest;
        fetch("/api/v1/suggest?limit=6&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (body) { if (ticket === latest) render(target, body.suggestions || []); })
          .catch(function () { /* suggestions are a convenience: the form still works */ });
      }, 150);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
