// Suggestions for the KPR fields of templates/_kpr_picker.html, as an ARIA combobox (arrows, Enter,
// Escape). Without this script the field is plain text that the server resolves; with it the
// field still sends text: the chosen KPR's slug, which the server resolves the same way.
(function () {
  if (window.kprPickerReady) { return; }
  window.kprPickerReady = true;

  function setUp(box) {
    var input = box.querySelector("input[type=search]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[role=status]");
    var options = [];
    var active = -1;
    var asked = 0;
    var timer = null;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(index) {
      options.forEach(function (item, i) { item.el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
      input.setAttribute("aria-activedescendant", options[index].el.id);
      options[index].el.scrollIntoView({ block: "nearest" });
    }
    function choose(index) {
      var kpr = options[index].kpr;
      input.value = kpr.name;
      input.dataset.chosen = kpr.name;
      input.dataset.slug = kpr.slug;
      close();
      status.textContent = kpr.name + " gewählt.";
    }
    function show(found) {
      list.textContent = "";
      options = found.map(function (kpr, i) {
        var el = document.createElement("li");
        el.id = list.id + "-" + i;
        el.setAttribute("role", "option");
        el.setAttribute("aria-selected", "false");
        el.textContent = kpr.district ? kpr.name + " (" + kpr.district + ")" : kpr.name;
        el.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(el);
        return { el: el, kpr: kpr };
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length === 1 ? "1 Vorschlag." : options.length + " Vorschläge.";
      } else {
        close();
        status.textContent = "Keine Vorschläge.";
      }
    }
    function ask() {
      var text = input.value.trim();
      var mine = ++asked;
      if (text.length < 2) { close(); return; }
      fetch(box.dataset.source + "&q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (mine === asked) { show(found); } })
        .catch(function () { /* the field works without suggestions */ });
    }
    input.addEventListener("input", function () {
      delete input.dataset.chosen;
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { ask(); return; }
        mark(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        mark(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
    if (input.form) {
      input.form.addEventListener("submit", function () {
        if (input.dataset.chosen && input.value === input.dataset.chosen) { input.value = input.dataset.slug; }
      });
    }
  }

  document.querySelectorAll("[data-kpr-picker]").forEach(setUp);
})();
