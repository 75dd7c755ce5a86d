"""The HTML pages in a real browser: headless Chromium at phone and desktop widths.

Each page (the HTML briefing, the HTML digest, which is also the e-mail's HTML part) is
opened from a file in Debian's ``chromium`` over the DevTools protocol (a pipe, no port,
no extra package). At 390 px and 1280 px: no horizontal scroll, every section on the
page and visible, and no request other than the page itself. The test installs nothing
and skips when Chromium is absent.

Run as a script to refresh the screenshots in docs/:
``.venv/bin/python tests/test_browser.py docs/``
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.models import Article, Briefing, Digest, Fact, Facts, Sentence, Source, Story
from briefing.render import render_digest_html, render_html

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-pipe",
)
WIDTHS = (390, 1280)
TIMEOUT = 30.0


def find_chromium() -> str | None:
    """The Chromium binary: BRIEFING_CHROMIUM, else /usr/bin/chromium or one on PATH."""
    named = os.environ.get("BRIEFING_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _pipe_fds(read_end: int, write_end: int) -> None:
    """In the child: the DevTools pipe on fds 3 (commands in) and 4 (replies out)."""
    read_copy, write_copy = os.dup(read_end), os.dup(write_end)
    os.dup2(read_copy, 3)
    os.dup2(write_copy, 4)


class Browser:
    """A headless Chromium driven over ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="briefing-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, to_browser_r, from_browser_w),
            preexec_fn=functools.partial(_pipe_fds, to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session: str = attached["sessionId"]

    def _read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = False
    ) -> dict[str, Any]:
        """Send one DevTools command and wait for its result (events are kept meanwhile)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        for event in self.events:
            if event["method"] == method:
                return event
        while True:
            reply = self._read(deadline)
            if "method" in reply:
                self.events.append(reply)
                if reply["method"] == method:
                    return reply

    def page(self, call: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.call(call, params, session=True)

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def open(self, url: str, width: int) -> None:
        """Load ``url`` at ``width`` CSS pixels (a phone's metrics below 600 px)."""
        self.events.clear()
        self.page("Network.enable")
        self.page("Page.enable")
        self.page(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        self.page("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def screenshot(self, path: Path) -> None:
        shot = self.page("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self.profile.cleanup()


# --------------------------------------------------------------------------- pages

LONG_URL = "https://news.example.com/" + "very-long-path-segment-" * 8 + "?id=42"
SENTENCES = (
    "The city council of Riverton voted 7-2 on Monday to approve a $48 million flood "
    "barrier along the Hollis River.",
    "Work began on 3 March 2025 and the first section opened on 20 March 2025.",
    '"We cannot keep asking families to rebuild every spring," Mayor Elena Park said.',
    "Floods in April 2024 damaged more than 1,200 homes in the Eastside district, "
    "according to Supercalifragilisticexpialidociousreport-2024-final-final.pdf.",
)


def _fact(text: str, value: str | None, i: int, score: float, **kw: Any) -> Fact:
    return Fact(text, value, SENTENCES[i], score, sentence_index=i, **kw)


def sample_briefing() -> Briefing:
    art = Article(
        " ".join(SENTENCES),
        title="Riverton approves a flood barrier after years of spring floods",
        published=dt.date(2025, 3, 21),
        url=LONG_URL,
        source="Riverton Gazette",
    )
    summary = tuple(Sentence(s, i, 1.0 - i / 10) for i, s in enumerate(SENTENCES))
    facts = Facts(
        who=(_fact("Elena Park", "Elena Park", 2, 0.9, role="mayor"),),
        what=(_fact("The city council of Riverton voted 7-2", None, 0, 0.9),),
        where=(
            _fact("Riverton", "Riverton", 0, 0.9),
            _fact("Hollis River", "Hollis River", 0, 0.7),
        ),
        when=(
            _fact("Monday", "2025-03-17", 0, 0.9),
            _fact("3 March 2025", "2025-03-03", 1, 0.8),
            _fact("20 March 2025", "2025-03-20", 1, 0.7),
        ),
        numbers=(_fact("$48 million", "48000000", 0, 0.9),),
        quotes=(
            _fact(
                "We cannot keep asking families to rebuild every spring,",
                None,
                2,
                0.9,
                speaker="Elena Park",
            ),
        ),
    )
    return Briefing(art, art.title or "", summary, facts)


def sample_digest() -> Digest:
    day = dt.date(2025, 3, 21)
    stories = []
    for n in range(5):
        when = Fact("Monday", f"2025-03-{10 + n:02d}", SENTENCES[0], 0.9, sentence_index=0)
        stories.append(
            Story(
                title=f"Story {n + 1}: Riverton council approves the Hollis River flood barrier",
                summary=(Sentence(SENTENCES[0], 0, 1.0), Sentence(SENTENCES[3], 3, 0.5)),
                who=(_fact("Elena Park", "Elena Park", 2, 0.9),),
                where=(_fact("Riverton", "Riverton", 0, 0.9),),
                when=(when,),
                sources=(Source("Riverton Gazette", LONG_URL, "Flood barrier"),),
                article_count=1,
                articles=(n,),
                published=day,
            )
        )
    return Digest("Daily digest — Friday 21 March 2025", day, tuple(stories), read=5)


BRIEFING_SECTIONS = (
    "header",
    "section.summary",
    "section.timeline",
    "section.facts",
    "section.quotes",
)
DIGEST_SECTIONS = ("header", "section.timeline", "article.story")


def pages(folder: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """The HTML pages to check: name -> (file, CSS selectors that must be visible)."""
    briefing_html = folder / "briefing.html"
    briefing_html.write_text(render_html(sample_briefing()), encoding="utf-8")
    digest_html = folder / "digest.html"
    digest_html.write_text(render_digest_html(sample_digest()), encoding="utf-8")
    return {
        "briefing": (briefing_html, BRIEFING_SECTIONS),
        "digest": (digest_html, DIGEST_SECTIONS),
    }


CHECK = """(() => {
  const doc = document.documentElement;
  const hidden = [];
  for (const selector of SELECTORS) {
    const found = document.querySelectorAll(selector);
    if (!found.length) { hidden.push(selector + " (missing)"); continue; }
    for (const el of found) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 0 || box.height <= 0 || style.visibility === "hidden"
          || style.display === "none" || box.right > window.innerWidth + 0.5 || box.left < -0.5) {
        hidden.push(selector);
      }
    }
  }
  return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, hidden: hidden};
})()"""


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser checks skipped")
    b = Browser(binary)
    try:
        yield b
    finally:
        b.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["briefing", "digest"])
def test_page_fits_the_width_shows_every_section_and_requests_nothing(
    browser: Browser, tmp_path: Path, name: str, width: int
) -> None:
    path, selectors = pages(tmp_path)[name]
    browser.open(path.as_uri(), width)
    result = browser.evaluate(CHECK.replace("SELECTORS", json.dumps(list(selectors))))
    assert result["innerWidth"] == width
    assert result["scrollWidth"] <= result["innerWidth"], f"{name} scrolls sideways at {width}px"
    assert result["hidden"] == [], f"{name} at {width}px hides {result['hidden']}"
    assert browser.requests() == [path.as_uri()], "the page asked for more than itself"


def save_screenshots(folder: Path) -> list[Path]:
    """Write phone and desktop screenshots of the HTML briefing into ``folder``."""
    binary = find_chromium()
    if binary is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        path = pages(Path(tmp))["briefing"][0]
        b = Browser(binary)
        try:
            for width, label in ((390, "phone"), (1280, "desktop")):
                b.open(path.as_uri(), width)
                target = folder / f"briefing-{label}.png"
                b.screenshot(target)
                written.append(target)
        finally:
            b.close()
    return written


if __name__ == "__main__":
    for shot in save_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(shot)


@pytest.mark.slow
def test_the_checks_catch_a_wide_page_and_a_request(browser: Browser, tmp_path: Path) -> None:
    """Controls: without our CSS and CSP, a wide table scrolls and an image is requested."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
        '</head><body><table style="width:900px"><tr><td>wide</td></tr></table>'
        '<img src="http://127.0.0.1:9/x.png"></body></html>',
        encoding="utf-8",
    )
    browser.open(bad.as_uri(), 390)
    result = browser.evaluate(CHECK.replace("SELECTORS", json.dumps(["table"])))
    assert result["scrollWidth"] > 390  # a phone would scroll sideways
    assert "http://127.0.0.1:9/x.png" in browser.requests()
