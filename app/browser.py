"""What the app adds to the page in the browser, where Streamlit has no setting for it: the
page language, Dutch for Streamlit's own labels, full-contrast quotes, a live region that
announces new answers, scrolling to a quoted sentence, and a copy button.

Text from the report never becomes markup here: it goes into a JSON string literal (with `<`
escaped, so it cannot close the script) and the script puts it in place as `textContent`.
"""

from __future__ import annotations

import json

import streamlit as st

LIVE_REGION = "vb-live"
"""The id of the `aria-live` region that announces new answers to screen readers."""

MARKED = "citaat"
"""The key of the container that holds a quoted sentence on the reading page."""
QUOTED = "citaatzin"
"""The key of the marked passage's part that holds the quoted sentence (in bold)."""


def _literal(text: str) -> str:
    """`text` as a JavaScript string literal that cannot end the script element."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_STYLE = """
/* The quote is the answer: full contrast (Streamlit draws block quotes at 60% opacity). */
[data-testid="stChatMessage"] blockquote, [data-testid="stMarkdownContainer"] blockquote {
  opacity: 1; color: inherit; border-left: 0.25rem solid #00567a;
}
/* Captions are shown at a reduced contrast by default; 4.5:1 at least (WCAG 2.1 AA). */
[data-testid="stCaptionContainer"] { color: #4a4d57; opacity: 1; }
.st-key-citaat strong, .st-key-citaat mark { background: #fff0a8; color: #1a1a1a; }
.st-key-citaat { scroll-margin-top: 5rem; }
/* The answer's value leads, large (containers keyed "waarde-" and the turn). */
[class*="st-key-waarde-"] p { font-size: 1.75rem; line-height: 1.3; color: #002b3d; }
.vb-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.vb-kopieer { font: inherit; padding: 0.35rem 0.8rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid #00567a; background: #ffffff; color: #00567a; min-height: 44px; }
.vb-kopieer:focus-visible { outline: 3px solid #00567a; outline-offset: 2px; }
.vb-gekopieerd { margin-left: 0.5rem; color: #1d5e20; }
"""

DUTCH = {
    "App pages": "Pagina's",
    "Chat message from assistant": "Antwoord",
    "Chat message from user": "Vraag",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Link to heading": "Link naar deze kop",
    "Main menu": "Menu",
    "Open": "Openen",
    "Send message": "Vraag versturen",
    "Sidebar": "Zijbalk",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press Ctrl+Enter to apply": "Druk op Ctrl+Enter om toe te passen",
    "Press ⌘+Enter to apply": "Druk op ⌘+Enter om toe te passen",
    "Running...": "Bezig …",
    "Stop script": "Stoppen",
    "Clear all": "Alles wissen",
    "Clear value": "Wissen",
    "Selected values": "Gekozen",
    "Selectbox options": "Keuzes",
    "Close": "Sluiten",
    "Notifications": "Meldingen",
    "No results": "Geen resultaten",
}
"""Streamlit's own English labels (read out by screen readers) and input hints, which it
has no setting for, in Dutch: the page's script puts these in place as they appear."""

_TRANSLATE = (
    """
if (!window.vbDutch) {
  const DUTCH = JSON.parse(WORDS);
  // Text is translated only where Streamlit writes its own: input hints and the empty list
  // of a select box (never in the report's text).
  const hint = '[data-testid="InputInstructions"], [data-baseweb="popover"], [role="listbox"]';
  const label = (element) => {
    const dutch = DUTCH[element.getAttribute("aria-label")];
    if (dutch) { element.setAttribute("aria-label", dutch); }
  };
  const text = (node) => {
    const dutch = DUTCH[node.data.trim()];
    if (dutch && node.parentElement && node.parentElement.closest(hint)) { node.data = dutch; }
  };
  const translate = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { text(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) { return; }
    if (root.hasAttribute("aria-label")) { label(root); }
    root.querySelectorAll("[aria-label]").forEach(label);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) { text(node); }
  };
  window.vbDutch = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") { record.addedNodes.forEach(translate); }
      else { translate(record.target); }
    }
  });
  window.vbDutch.observe(document.body, {subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["aria-label"]});
  translate(document.body);
}
"""
).replace("WORDS", _literal(json.dumps(DUTCH)))

_LAND = """
if (!window.vbLand) {
  // The passage appears before the page around it has settled: for ten seconds after it
  // appears (a slow machine draws the page around it for longer than three), every change
  // of the page or of its size scrolls the quoted sentence (or, without one, the marked
  // passage) back into the middle of the view, until the reader scrolls, clicks or types.
  // A new address (a link, a choice, Back or Forward) is a new page for the reader: the
  // passage may stay in the page across it, so its clock and the reader's scroll start anew.
  let since = 0;
  let reader = false;
  let address = location.href;
  const land = () => {
    if (location.href !== address) { address = location.href; since = 0; reader = false; }
    const box = document.querySelector(".st-key-MARKED");
    if (!box) { since = 0; reader = false; return; }
    since = since || Date.now();
    if (!reader && Date.now() - since < 10000) {
      // The whole passage where it fits in the view, else the sentence in the middle.
      const sentence = box.querySelector(".st-key-QUOTED strong");
      // What shows of the page: the window, cut by every scrolling block the passage is in.
      let top = 0;
      let high = window.innerHeight || document.documentElement.clientHeight;
      for (let e = box.parentElement; e; e = e.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(e).overflowY)) {
          const r = e.getBoundingClientRect();
          top = Math.max(top, r.top);
          high = Math.min(high, r.bottom);
        }
      }
      const outside = (e) => {
        const r = e.getBoundingClientRect();
        return r.top < top || r.bottom > high;
      };
      const fits = box.getBoundingClientRect().height <= high - top;
      const target = fits || !sentence ? box : sentence;
      if (outside(target) || (sentence && outside(sentence))) {
        target.scrollIntoView({block: "center"});
      }
    }
  };
  const stop = () => { if (since) { reader = true; } };
  for (const kind of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(kind, stop, {passive: true});
  }
  window.vbLand = new MutationObserver(land);
  window.addEventListener("popstate", land);
  window.vbLand.observe(document.body, {subtree: true, childList: true,
    attributes: true, attributeFilter: ["class", "style"]});
  // A change of size moves the passage without a change of the page's elements (a font or
  // an image that loads, a block above that grows).
  new ResizeObserver(land).observe(document.body);
  land();
}
""".replace("MARKED", MARKED).replace("QUOTED", QUOTED)
"""Scrolls the quoted sentence of the reading page into view whenever it appears: after a
link, a reload, or Back to a link's address (a script in the page itself runs only once)."""

_SETUP = f"""
<script>
document.documentElement.lang = "nl";
if (!document.getElementById("vb-stijl")) {{
  const style = document.createElement("style");
  style.id = "vb-stijl";
  style.textContent = {_literal(_STYLE)};
  document.head.appendChild(style);
}}
if (!document.getElementById("{LIVE_REGION}")) {{
  const region = document.createElement("div");
  region.id = "{LIVE_REGION}";
  region.className = "vb-sr-only";
  region.setAttribute("aria-live", "polite");
  region.setAttribute("role", "status");
  document.body.appendChild(region);
}}
{_TRANSLATE}
{_LAND}
</script>
"""


def setup_page() -> None:
    """The page language (Dutch), the styles and the live region; once per run of a page."""
    # The styles are put in the page's head by the script: Streamlit drops a <style> that
    # stands beside a script, and a style-only element goes to a container a rerun clears.
    st.html(_SETUP, unsafe_allow_javascript=True, width="content")


def announce(text: str) -> None:
    """Say `text` to screen readers through the live region (a new answer)."""
    st.html(
        f"""<script>
        setTimeout(() => {{
          const region = document.getElementById("{LIVE_REGION}");
          if (region) {{ region.textContent = {_literal(text)}; }}
        }}, 300);
        </script>""",
        unsafe_allow_javascript=True,
        width="content",
    )


def copy_button(text: str, key: str) -> None:
    """A "Kopieer met bron" button that copies `text` as plain text (clipboard API, with the
    older selection copy where that API is missing: plain http on an intranet)."""
    button, status = f"vb-kopieer-{key}", f"vb-gekopieerd-{key}"
    st.html(
        f"""<button type="button" class="vb-kopieer" id="{button}">Kopieer met bron</button>
        <span class="vb-gekopieerd" id="{status}" role="status" aria-live="polite"></span>
        <script>
        (() => {{
          const button = document.getElementById("{button}");
          if (!button || button.dataset.ready) {{ return; }}
          button.dataset.ready = "1";
          const text = {_literal(text)};
          const done = (ok) => {{
            document.getElementById("{status}").textContent =
              ok ? "Gekopieerd." : "Kopiëren lukte niet; selecteer de tekst zelf.";
          }};
          const fallback = () => {{
            const area = document.createElement("textarea");
            area.value = text;
            area.setAttribute("readonly", "");
            area.style.position = "fixed"; area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            let ok = false;
            try {{ ok = document.execCommand("copy"); }} catch (e) {{ ok = false; }}
            area.remove();
            done(ok);
          }};
          button.addEventListener("click", () => {{
            if (navigator.clipboard && window.isSecureContext) {{
              navigator.clipboard.writeText(text).then(() => done(true), fallback);
            }} else {{ fallback(); }}
          }});
        }})();
        </script>""",
        unsafe_allow_javascript=True,
        width="content",
    )


__all__ = [
    "DUTCH",
    "LIVE_REGION",
    "MARKED",
    "QUOTED",
    "announce",
    "copy_button",
    "setup_page",
]
