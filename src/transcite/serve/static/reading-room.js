// transcite reading room: select words (or press a paragraph's id) to quote them.
// The quotation, its citation, the link and the annotation all come from the JSON API, set by
// the same library calls as `transcite quote`; nothing here formats a citation.
"use strict";
(function () {
  var text = document.getElementById("text");
  if (!text) return;
  var base = text.getAttribute("data-ref");
  var styleSelect = document.getElementById("style");
  var copyButton = document.getElementById("copy");
  var copied = document.getElementById("copied");
  var refOut = document.getElementById("ref");
  var current = null;   // the REF quoted now
  var result = null;    // {html, text} of the quotation now shown
  var asked = 0;        // answers to older requests are dropped

  try {
    var remembered = window.localStorage.getItem("transcite.style");
    if (remembered && styleSelect.querySelector('option[value="' + CSS.escape(remembered) + '"]')) {
      styleSelect.value = remembered;
    }
  } catch (e) { /* storage refused: the default style */ }

  function blockOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest("[data-block]") : null;
  }

  // the words of the range that fall inside element el ("" if none)
  function wordsIn(range, el) {
    var r = document.createRange();
    r.selectNodeContents(el);
    if (range.compareBoundaryPoints(Range.START_TO_START, r) > 0) {
      r.setStart(range.startContainer, range.startOffset);
    }
    if (range.compareBoundaryPoints(Range.END_TO_END, r) < 0) {
      r.setEnd(range.endContainer, range.endOffset);
    }
    if (r.collapsed || !range.intersectsNode(el)) return "";
    return r.toString().trim();
  }

  function refForRange(range) {
    var blocks = Array.prototype.filter.call(text.querySelectorAll("[data-block]"), function (b) {
      return wordsIn(range, b) !== "";
    });
    if (!blocks.length) return null;
    var paras = blocks.filter(function (b) { return b.classList.contains("paragraph"); });
    if (!paras.length) return blocks[0].getAttribute("data-block");   // a caption
    var first = paras[0], last = paras[paras.length - 1];
    if (first !== last) {
      return first.getAttribute("data-block") + "-" + last.getAttribute("data-block");
    }
    var sentences = first.querySelectorAll("[data-s]");
    var hit = Array.prototype.filter.call(sentences, function (s) {
      return wordsIn(range, s) !== "";
    }).map(function (s) { return Number(s.getAttribute("data-s")); });
    var id = first.getAttribute("data-block");
    if (!hit.length || hit.length === sentences.length) return id;
    var lo = Math.min.apply(null, hit), hi = Math.max.apply(null, hit);
    return id + ":s" + lo + (hi > lo ? "-" + hi : "");
  }

  function mark(ref) {
    text.querySelectorAll(".selected").forEach(function (b) { b.classList.remove("selected"); });
    var ids = ref.split(":")[0].split("-");
    var on = false;
    text.querySelectorAll("[data-block]").forEach(function (b) {
      var id = b.getAttribute("data-block");
      if (id === ids[0]) on = true;
      if (on && (b.classList.contains("paragraph") || ids.length === 1)) b.classList.add("selected");
      if (id === ids[ids.length - 1]) on = false;
    });
  }

  function api(format, ref) {
    var url = "/api/quote?ref=" + encodeURIComponent(ref) + "&style=" +
      encodeURIComponent(styleSelect.value) + "&format=" + format + (format === "json" ? "&link=1" : "");
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
        return body;
      });
    });
  }

  function show(list, id) {
    var ul = document.getElementById(id);
    ul.textContent = "";
    list.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      ul.appendChild(li);
    });
  }

  function quote(selector) {
    var ref = base + "#" + selector;
    current = ref;
    result = null;
    copyButton.disabled = true;
    copied.textContent = "";
    refOut.textContent = ref;
    mark(selector);
    var mine = ++asked;
    Promise.all([api("html", ref), api("text", ref), api("json", ref), api("annotation", ref)])
      .then(function (answers) {
        if (mine !== asked) return;
        var html = answers[0], plain = answers[1], data = answers[2], note = answers[3];
        result = { html: html.output, text: plain.output };
        // the library escaped every value of the record in this HTML (transcite.quote.formats)
        document.getElementById("preview").innerHTML = html.output;
        document.getElementById("plain").textContent = plain.output;
        document.getElementById("reference").textContent = data.reference;
        var link = document.getElementById("link");
        if (data.link && /^https?:\/\//i.test(data.link)) {
          link.href = data.link;
          link.rel = "noreferrer noopener";
          link.textContent = data.link;
        } else {
          link.removeAttribute("href");
          link.removeAttribute("rel");
          link.textContent = data.link ? data.link : "the record has no URL";
        }
        document.getElementById("annotation").textContent = JSON.stringify(note, null, 2);
        show(html.notices, "notices");
        copyButton.disabled = false;
      })
      .catch(function (error) {
        if (mine !== asked) return;
        document.getElementById("preview").textContent = "";
        show([error.message], "notices");
      });
  }

  text.addEventListener("mouseup", function (event) {
    if (event.target.closest("button")) return;
    var selection = window.getSelection();
    var selector = null;
    if (selection && !selection.isCollapsed && selection.rangeCount) {
      selector = refForRange(selection.getRangeAt(0));
    } else {
      var block = blockOf(event.target);
      if (block) selector = block.getAttribute("data-block");
    }
    if (selector) quote(selector);
  });

  text.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-quote]");
    if (button) quote(button.getAttribute("data-quote"));
  });

  styleSelect.addEventListener("change", function () {
    try { window.localStorage.setItem("transcite.style", styleSelect.value); } catch (e) { /* */ }
    if (current) quote(current.split("#")[1]);
  });

  // a search hit's "Quote this" (?quote=p14:s1, checked by the server): quote it at once
  var now = text.getAttribute("data-quote-now");
  if (now) {
    quote(now);
    var target = document.getElementById(now.split(":")[0].split("-")[0]);
    if (target) target.scrollIntoView({ block: "center" });
  }

  copyButton.addEventListener("click", function () {
    if (!result) return;
    var data = result;
    function onCopy(event) {
      event.clipboardData.setData("text/html", data.html);
      event.clipboardData.setData("text/plain", data.text);
      event.preventDefault();
    }
    document.addEventListener("copy", onCopy);
    var done = false;
    try { done = document.execCommand("copy"); } finally {
      document.removeEventListener("copy", onCopy);
    }
    if (done) {
      copied.textContent = "Copied: rich text and plain text";
      return;
    }
    if (navigator.clipboard && window.ClipboardItem) {
      navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([data.html], { type: "text/html" }),
        "text/plain": new Blob([data.text], { type: "text/plain" })
      })]).then(function () { copied.textContent = "Copied: rich text and plain text"; },
        function () { copied.textContent = "The browser refused the clipboard"; });
    }
  });
})();
