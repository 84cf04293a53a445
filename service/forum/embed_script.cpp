/// @brief The theme component's script: asks /api/v1/related for the topic being read and
/// renders the list with DOM calls only (no HTML strings), after the topic's footer buttons.
#include "embed_script.hpp"

namespace kb {

const std::string_view kEmbedScript =
    R"JS(/* Passerelle IAE: related guides and resources under a forum topic. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script ? script.src : "/", window.location.href).origin;
  var BOX = "passerelle-related";

  function topicUrl(loc) {
    var m = loc.pathname.match(/^(.*\/t\/[^\/]+\/\d+|.*\/t\/\d+)/);
    return m ? loc.origin + m[1] : null;
  }

  function build(items) {
    var box = document.createElement("aside");
    box.className = BOX;
    var title = document.createElement("h3");
    title.textContent = "Sur Passerelle IAE";
    box.appendChild(title);
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = new URL(item.url, base).href;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = item.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function render(url, anchor) {
    fetch(base + "/api/v1/related?url=" + encodeURIComponent(url), { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.results || !data.results.length) return;
        var old = document.querySelector("." + BOX);
        if (old) old.remove();
        anchor.parentNode.insertBefore(build(data.results), anchor.nextSibling);
      })
      .catch(function () {});
  }

  function refresh(tries) {
    var url = topicUrl(window.location);
    if (!url) return;
    var anchor = document.querySelector("#topic-footer-buttons, .topic-footer-main-buttons, .topic-area");
    if (!anchor) {
      if ((tries || 0) < 20) setTimeout(function () { refresh((tries || 0) + 1); }, 250);
      return;
    }
    render(url, anchor);
  }

  window.PasserelleRelated = { refresh: refresh, render: render };
  refresh(0);
})();
)JS";

}  // namespace kb
