// @brief The ask form's similar questions while the title is typed (GET /api/v1/threads/similar),
// in the list the "Voir les questions similaires" button fills without script.
(function () {
  "use strict";

  var STATUS_LABELS = { unanswered: "Sans réponse", answered: "Répondue", solved: "Résolue" };

  function render(target, items) {
    target.textContent = "";
    if (!items.length) return;
    var intro = document.createElement("p");
    intro.className = "fr-text--sm fr-mb-1v";
    intro.textContent = "Questions proches déjà posées :";
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/questions/" + encodeURIComponent(String(item.id));
      a.textContent = item.title;
      var status = document.createElement("span");
      status.className = "kb-similar__status";
      status.textContent = STATUS_LABELS[item.status] || "";
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(status);
      list.appendChild(li);
    });
    target.appendChild(intro);
    target.appendChild(list);
  }

  function attach(input) {
    var target = document.getElementById(input.getAttribute("data-similar"));
    if (!target) return;
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var title = input.value.trim();
      if (title.length < 3) { render(target, []); return; }
      timer = setTimeout(function () {
        var ticket = ++latest;
        fetch("/api/v1/threads/similar?title=" + encodeURIComponent(title.slice(0, 200)),
              { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { similar: [] }; })
          .then(function (body) { if (ticket === latest) render(target, body.similar || []); })
          .catch(function () { /* a convenience: the form and its button still work */ });
      }, 250);
    });
  }

  document.querySelectorAll("input[data-similar]").forEach(attach);
})();
