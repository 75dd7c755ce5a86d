"""The daily run: inputs in, the day's digest written, recorded and mailed. No click.

:func:`run_daily` is what ``briefing digest`` and the scheduler call. Order of work, chosen
so that a run killed at any moment (even SIGKILL) leaves the previous outputs and the
history intact:

1. clean up hidden temporary files an earlier killed run left in the output folder;
2. open the history (a damaged or full database is reported in one line and the digest
   is still made, without history);
3. load every input (feed URLs and OPML subscriptions through the one fetcher, with the
   conditional-GET cache kept in the history database);
4. select what the day covers (:func:`briefing.digest.window.select`: boilerplate out,
   headline-only entries set aside, the window, the languages), and with ``fetch`` brief
   the linked page of each headline instead (downloaded concurrently); with
   ``since_last``, leave out the articles and headlines an earlier digest held;
5. brief, merge, group and rank (:func:`briefing.digest.digest`);
6. render every format in memory, write each file atomically (temp file + rename);
7. record the run in the history in one transaction (its articles and headlines);
8. mail it.

A run whose every input failed never replaces a good digest of the same day with an empty
one (in the folder it lies in; written to another folder, the empty one is written there),
and is never recorded: the day's history rows stay the good run's. Problems are reported through
``on_problem(input, message)``, at most one per input; the result says the exit status.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefingError, OutputError
from ..models import Article, Digest, Headline
from ..render.files import clean_stale_temporaries
from ..store import History, checkpoint, content_hash, inputs_hash
from .window import Window, headline_key, make_window, parse_window, select

if TYPE_CHECKING:
    from ..load.fetch import FetchOptions, PageCache
    from ..settings import SmtpSettings

__all__ = ["DailyOptions", "DailyResult", "clean_stale_temporaries", "render_all", "run_daily"]


Problem = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class DailyOptions:
    """Everything a daily run needs besides its inputs (the CLI builds it from flags and
    settings; a script or the scheduler can build it directly)."""

    date: dt.date
    #: The folder the files go to; None writes no file (``briefing digest -o -``): the
    #: result's ``outputs`` hold the rendered digest.
    output: Path | None = Path("out")
    db: Path | None = None
    formats: tuple[str, ...] = ("md", "pdf")
    template: str = "default"
    max_stories: int | None = None
    window: str | None = None
    since_last: bool = False
    languages: frozenset[str] | None = None
    fetch: bool = False
    allow_private: bool = False
    opml: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    smtp: SmtpSettings | None = None
    workers: int | None = None
    dask: str | None = None
    model: str | None = None
    models: Mapping[str, str] | None = None
    max_bytes: int | None = None
    fetch_options: FetchOptions | None = None


@dataclass(frozen=True, slots=True)
class DailyResult:
    """What a run did: the digest, the files written, the problems (one per input), a
    one-line summary, whether an earlier good digest was kept, the exit status, and the
    rendered digest in each format asked for (``outputs``; empty when none was made)."""

    digest: Digest
    paths: tuple[Path, ...]
    problems: tuple[tuple[str, str], ...]
    summary: str
    kept_previous: bool = False
    fetched: int = 0
    fetch_failed: int = 0
    outputs: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


@dataclass
class _Run:
    problems: list[tuple[str, str]] = field(default_factory=list)
    on_problem: Problem | None = None
    empty_feeds: int = 0  # well-formed feeds with no entries: not problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append((name, message))
        if self.on_problem is not None:
            self.on_problem(name, message)


def render_all(d: Digest, formats: Sequence[str], template: str) -> dict[str, bytes]:
    """The digest rendered in each format (md, html, json, pdf), as bytes."""
    from ..render.digest import (
        render_digest_html,
        render_digest_json,
        render_digest_markdown,
        render_digest_pdf,
    )

    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "md":
            out[fmt] = render_digest_markdown(d, template).encode()
        elif fmt == "html":
            out[fmt] = render_digest_html(d, template).encode()
        elif fmt == "json":
            out[fmt] = render_digest_json(d).encode()
        elif fmt == "pdf":
            out[fmt] = render_digest_pdf(d, None, template)
        else:
            raise BriefingError(f"--format {fmt}: unknown format; use md, pdf, html or json")
    return out


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _load(
    inputs: Sequence[str],
    opts: DailyOptions,
    cache: PageCache | None,
    run: _Run,
    fetch_progress: Callable[[int, int], None] | None,
    listed_in: Mapping[str, str] | None = None,
    origins: dict[int, str] | None = None,
    good: set[str] | None = None,
) -> tuple[list[Article], list[tuple[int, Headline]], int]:
    """Every entry of every input: articles, headline-only entries, and the count of
    entries that could not be read. At most one problem per input; one about a feed an
    OPML file lists (``listed_in``) names that file too. ``origins`` hears the input of
    each article (by its index) and headline (by its position, as ``-1 - position``);
    ``good`` the inputs that gave an entry (or were a well-formed empty feed) and none
    that was cut off."""
    from ..load import load_many
    from ..load.feeds import CutFeed, EmptyFeed, HeadlineOnly

    articles: list[Article] = []
    heads: list[tuple[int, Headline]] = []
    failed = 0
    position = 0
    cut: set[str] = set()  # feeds read in part: not read, so a later run catches them up
    progress = None
    if fetch_progress is not None:
        callback = fetch_progress

        def progress_cb(done: int, total: int, _result: object) -> None:
            callback(done, total)

        progress = progress_cb
    # URL inputs are loaded in one call, so the fetcher downloads them concurrently; each
    # other input alone, so that its problems make one line under its name.
    urls = [n for n in inputs if _is_url(n)]
    batches: list[list[str]] = [[n] for n in inputs if not _is_url(n)]
    if urls:
        batches.insert(0, urls)
    for batch in batches:
        errors: dict[str, list[str]] = defaultdict(list)
        for item in load_many(
            batch,
            fetch=True,
            fetch_linked=False,
            allow_private=opts.allow_private,
            fetch_options=opts.fetch_options,
            cache=cache,
            progress=progress,
            max_bytes=opts.max_bytes,
        ):
            source = item.input or batch[0]
            gave = item.article is not None or isinstance(item.error, HeadlineOnly | EmptyFeed)
            if gave and good is not None:
                good.add(source)
            if isinstance(item.error, CutFeed):
                cut.add(source)
            if isinstance(item.error, HeadlineOnly) and (item.error.title or item.error.url):
                if origins is not None:
                    origins[-1 - position] = source
                err = item.error
                title = err.title or err.url or "Untitled"
                # the time, not the day: the window cuts at the last digest's hour
                heads.append((position, Headline(title, err.url, err.source, err.published)))
            elif isinstance(item.error, EmptyFeed):
                run.empty_feeds += 1
            elif item.article is None:
                owner = item.name if item.name in batch else batch[0]
                if item.name not in batch and len(batch) > 1:
                    owner = "feed entries"  # an entry of one of several feed URLs
                if _in_folder(item.name, source):
                    owner = item.name  # a file of a folder is an input of its own: named
                message = _one_line(str(item.error))
                if isinstance(item.error, CutFeed):  # the feed's own fault before its entries'
                    errors[owner].insert(0, message)
                else:
                    errors[owner].append(message)
            else:
                article = item.article
                if article.source is None and article.url is None and item.name != "-":
                    article = replace(article, source=item.name)  # name a local file's source
                if origins is not None:
                    origins[len(articles)] = source
                articles.append(article)
            position += 1
        for name, found in errors.items():
            failed += len(found)
            others = len(found) - 1
            more = f" (and {others} more {'entry' if others == 1 else 'entries'})" if others else ""
            first = found[0] if found[0].startswith(name) else f"{name}: {found[0]}"
            opml = (listed_in or {}).get(name)
            where = f" (listed in {opml})" if opml else ""
            run.problem(name, first.removeprefix(f"{name}: ") + more + where)
    if good is not None:
        good -= cut
    return articles, heads, failed


_URL_INPUT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _in_folder(name: str, source: str) -> bool:
    """Whether the item ``name`` is a file of the folder ``source`` (not an entry of a feed,
    a line of a JSONL file, …): its problem is told under its own name."""
    return name != source and name.startswith(os.path.join(source, "")) and os.path.isdir(source)


def _is_url(name: str) -> bool:
    return bool(_URL_INPUT.match(name))


def _fetch_headlines(
    heads: Sequence[Headline],
    opts: DailyOptions,
    cache: PageCache | None,
    run: _Run,
    fetch_progress: Callable[[int, int], None] | None,
) -> tuple[list[Article], list[bool]]:
    """The linked page of each headline as an Article (downloaded concurrently); which
    headlines were fetched. One summary line for all the failures."""
    from dataclasses import replace as dc_replace

    from ..load.decode import decode
    from ..load.fetch import FetchOptions, document_from_page, fetch_many
    from ..load.html import article_from_html
    from ..load.plain import article_from_text

    urls = [h.url for h in heads if h.url]
    unique = list(dict.fromkeys(u for u in urls if u))
    if not unique:
        return [], [False] * len(heads)
    options = opts.fetch_options or FetchOptions()
    if opts.allow_private and not options.allow_private:
        options = dc_replace(options, allow_private=True)

    def progress(done: int, total: int, _result: object) -> None:
        if fetch_progress is not None:
            fetch_progress(done, total)

    results = {
        r.url: r for r in fetch_many(unique, options=options, cache=cache, progress=progress)
    }
    pages: dict[str, Article] = {}
    reasons: Counter[str] = Counter()
    first_error = ""
    for url in unique:
        result = results.get(url)
        try:
            if result is None or result.page is None:
                raise (
                    result.error
                    if result is not None and result.error
                    else BriefingError(f"{url}: not fetched")
                )
            doc = document_from_page(result.page)
            text = decode(doc.raw, doc.charset)
            if doc.kind == "html":
                page = article_from_html(text, url, url=doc.url, host=doc.host)
            elif doc.kind in ("text", "markdown"):
                page = article_from_text(
                    text, url, markdown=doc.kind == "markdown", url=doc.url, host=doc.host
                )
            else:
                raise BriefingError(f"{url}: not an article page ({doc.kind})")
            pages[url] = page
        except BriefingError as err:
            message = _one_line(str(err))
            first_error = first_error or message
            reasons[_reason(message)] += 1
    failed = sum(reasons.values())
    if failed:
        kinds = ", ".join(f"{k}: {n}" for k, n in reasons.most_common(4))
        run.problem(
            "fetch",
            f"{failed} of {len(unique)} linked pages could not be fetched ({kinds}); "
            f"e.g. {first_error}; those entries stay listed as headlines",
        )
    out: list[Article] = []
    done: list[bool] = []
    for h in heads:
        linked = pages.get(h.url or "")
        if linked is None or not linked.text.strip():
            done.append(False)
            continue
        done.append(True)
        out.append(
            Article(
                linked.text,
                title=h.title or linked.title,
                published=h.published or linked.published,
                url=h.url,
                source=h.source or linked.source,
            )
        )
    return out, done


_STATUS = re.compile(r"\b(answered|HTTP|status)\s+([1-5]\d\d)\b", re.IGNORECASE)


def _reason(message: str) -> str:
    """A short kind for a failed download: the HTTP status, a timeout, a refusal, …"""
    lowered = message.lower()
    for word in ("timed out", "deadline", "refused", "private", "too big", "over the"):
        if word in lowered:
            return {"deadline": "timed out", "over the": "too big"}.get(word, word)
    match = _STATUS.search(message)
    return f"HTTP {match.group(2)}" if match else "other"


def run_daily(
    inputs: Sequence[str],
    options: DailyOptions,
    *,
    on_problem: Problem | None = None,
    progress: Callable[[], None] | None = None,
    fetch_progress: Callable[[int, int], None] | None = None,
) -> DailyResult:
    """Make, write, record and mail the digest of ``options.date`` (see the module doc).

    Raises BriefingError only when nothing can be written (a bad output folder, a bad
    option); every other problem is reported through ``on_problem`` and in the result.
    """
    from . import digest as make_digest

    opts = options
    run = _Run(on_problem=on_problem)
    if opts.email:  # a bad address is a bad option: refused before any work
        from ..mail import check_addresses
        from ..settings import SmtpSettings

        check_addresses((opts.smtp or SmtpSettings()).sender, opts.email)
    if opts.output is not None:
        try:
            opts.output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{opts.output}: cannot create the output folder ({exc.strerror}); "
                "choose another with -o"
            ) from exc
    span = parse_window(opts.window) if opts.window is not None else None
    if opts.output is not None:
        clean_stale_temporaries(opts.output)

    history: History | None = None
    if opts.db is not None:
        try:
            history = History(opts.db)
        except BriefingError as err:
            run.problem(str(opts.db), f"{err}; the digest is made without history")
    try:
        return _run(inputs, opts, span, history, run, make_digest, progress, fetch_progress)
    finally:
        if history is not None:
            history.close()


def _run(
    inputs: Sequence[str],
    opts: DailyOptions,
    span: dt.timedelta | None,
    history: History | None,
    run: _Run,
    make_digest: Callable[..., Digest],
    progress: Callable[[], None] | None,
    fetch_progress: Callable[[int, int], None] | None,
) -> DailyResult:
    from ..load.opml import read_opml

    date = opts.date
    names = list(inputs)
    listed_in: dict[str, str] = {}  # a feed an OPML file names -> that file
    for path in opts.opml:
        try:
            feeds = [u for u in read_opml(path) if u not in names]
        except BriefingError as err:
            run.problem(path, _one_line(str(err)))
            continue
        names.extend(feeds)
        listed_in.update((u, os.fspath(path)) for u in feeds)

    last = None
    if history is not None and opts.window is None:
        try:
            last = history.last_digest_before(date)
        except BriefingError as err:
            run.problem(str(history.path), _one_line(str(err)))
    window = make_window(date, span, last, explicit=opts.window is not None)

    origins: dict[int, str] = {}
    good: set[str] = set()
    articles, heads, unreadable = _load(
        names, opts, history, run, fetch_progress, listed_in, origins, good
    )
    own = _catch_up(history, names, good, window, date, run) if last is not None else {}
    chosen = select(
        articles,
        heads,
        window=window,
        languages=opts.languages,
        windows=[own.get(origins.get(i, "")) for i in range(len(articles))],
        headline_windows={p: own[origins[-1 - p]] for p, _ in heads if origins.get(-1 - p) in own},
    )
    kept, headlines = list(chosen.articles), list(chosen.headlines)
    left_out: dict[str, int] = defaultdict(int, chosen.left_out)
    boilerplate = chosen.boilerplate
    fetched = fetch_failed = 0
    if opts.fetch and headlines:
        pages, done = _fetch_headlines(headlines, opts, history, run, fetch_progress)
        fetched = len(pages)
        fetch_failed = sum(1 for h, ok in zip(headlines, done, strict=True) if h.url and not ok)
        if pages:
            extra = select(pages, window=None, languages=opts.languages)
            kept.extend(extra.articles)
            boilerplate += extra.boilerplate
            for key, n in extra.left_out.items():
                left_out[key] += n
            # a page that turned out headline-only stays a headline, as the entry was
            fetched_urls = {a.url for a in extra.articles}
            headlines = [h for h in headlines if h.url not in fetched_urls]

    if opts.since_last and history is not None:
        try:
            seen = history.seen_before(kept, date)
            sent = history.headlines_sent_before([headline_key(h) for h in headlines], date)
        except BriefingError as err:
            run.problem(str(history.path), _one_line(str(err)))
            seen, sent = [False] * len(kept), [False] * len(headlines)
        left_out["seen"] += sum(seen) + sum(sent)
        kept = [a for a, s in zip(kept, seen, strict=True) if not s]
        headlines = [h for h, s in zip(headlines, sent, strict=True) if not s]

    checkpoint("digest:loaded")
    unbriefed: list[str] = []
    d = make_digest(
        kept,
        date,
        max_stories=opts.max_stories,
        skipped=unreadable,
        workers=opts.workers,
        dask=opts.dask,
        model=opts.model,
        models=opts.models,
        on_error=lambda i, a, e: unbriefed.append(_one_line(str(e))),
        progress=progress,
    )
    if unbriefed:
        more = f" (and {len(unbriefed) - 1} more)" if len(unbriefed) > 1 else ""
        run.problem(
            "brief", f"{len(unbriefed)} articles could not be briefed: {unbriefed[0]}{more}"
        )
    d = replace(
        d,
        headlines=tuple(headlines),
        left_out=tuple(sorted((k, v) for k, v in left_out.items() if v)),
        boilerplate=boilerplate,
        window=window.label,
    )

    stem = f"digest-{date.isoformat()}"
    previous = _previous_digest(history, opts, stem)
    failed = not d.stories and not d.headlines and bool(run.problems)
    if failed and previous:
        run.problem(
            stem,
            f"every input failed, so the digest made earlier ({previous}) is kept as it was; "
            "fix the inputs above and run again",
        )
        summary = _summary(d, "nothing written", date, run.empty_feeds)
        return DailyResult(d, (), tuple(run.problems), summary, kept_previous=True)

    wanted = opts.formats
    mail_formats = ("md", "html", "pdf") if opts.email else ()
    rendered = render_all(d, tuple(dict.fromkeys((*wanted, *mail_formats))), opts.template)
    outputs = {f: rendered[f] for f in wanted}
    paths = _write(opts.output, stem, outputs) if opts.output is not None else []
    checkpoint("digest:outputs-written")
    if history is not None and not failed:  # a run that read nothing says nothing of the day
        included = sorted({i for s in d.stories for i in s.articles})
        try:
            history.record(
                date,
                [kept[i] for i in included],
                paths=[str(p.resolve()) for p in paths],
                inputs=inputs_hash(
                    (content_hash(a.text) for a in kept),
                    opts.max_stories, opts.template, opts.formats,
                ),
                story_count=len(d.stories),
                skipped=d.skipped,
                headlines=[(headline_key(h), h) for h in d.headlines],
                reads=[(name, name in good) for name in names],
                window_start=window.start,
            )  # fmt: skip
        except BriefingError as err:
            run.problem(str(history.path), _one_line(str(err)))
    if opts.email:
        _send(d, rendered, opts, run)
    return DailyResult(
        d,
        tuple(paths),
        tuple(run.problems),
        _summary(
            d,
            "stdout" if opts.output is None else ", ".join(map(str, paths)),
            date,
            run.empty_feeds,
        ),
        fetched=fetched,
        fetch_failed=fetch_failed,
        outputs=outputs,
    )


def _catch_up(
    history: History | None,
    names: Sequence[str],
    good: set[str],
    window: Window,
    date: dt.date,
    run: _Run,
) -> dict[str, Window]:
    """The window of each input read now that earlier runs failed to read: from the start
    of the first failed run's window, so its entries of those days are not lost."""
    out: dict[str, Window] = {}
    if history is None or window.start is None:
        return out
    for name in names:
        if name not in good:
            continue
        try:
            start = history.catch_up_start(name, date)
        except BriefingError as err:
            run.problem(str(history.path), _one_line(str(err)))
            return out
        if start is not None and start < window.start:
            out[name] = Window(start, window.end, window.label)
    return out


def _previous_digest(history: History | None, opts: DailyOptions, stem: str) -> str | None:
    """A description of a good digest of the same day already made, or None."""
    if history is not None:
        try:
            record = history.digest_for(opts.date)
        except Exception:  # a damaged history: fall back to the files on disk
            record = None
        here = [
            p for p in (record.paths if record else ()) if opts.output is None or
            Path(p).parent.resolve() == opts.output.resolve()
        ]  # fmt: skip
        if record is not None and record.story_count > 0 and (here or not record.paths):
            # kept only where it lies: a run writing to another folder has nothing to keep
            where = f" in {here[0]}" if here else ""
            return f"{_count(record.story_count, 'story', 'stories')}{where}"
    if opts.output is None:
        return None
    for fmt in opts.formats:
        path = opts.output / f"{stem}.{fmt}"
        if path.is_file() and path.stat().st_size > 0:
            return str(path)
    return None


def _write(outdir: Path, stem: str, rendered: dict[str, bytes]) -> list[Path]:
    from ..render import write_atomic

    paths = []
    for fmt, data in rendered.items():
        target = outdir / f"{stem}.{fmt}"
        try:
            paths.append(write_atomic(target, data))
        except OSError as exc:
            raise OutputError(
                f"{target}: cannot write ({exc.strerror or exc}); "
                "choose another folder with -o or fix its permissions"
            ) from exc
    return paths


def _send(d: Digest, rendered: dict[str, bytes], opts: DailyOptions, run: _Run) -> None:
    from ..mail import send_digest
    from ..settings import SmtpSettings

    try:
        send_digest(
            opts.email,
            subject=d.title,
            text=rendered["md"].decode(),
            html=rendered["html"].decode(),
            pdf=rendered["pdf"],
            smtp=opts.smtp or SmtpSettings(),
            pdf_name=f"digest-{d.date.isoformat()}.pdf",
        )
    except BriefingError as exc:
        run.problem("email", _one_line(str(exc)))


def _summary(d: Digest, where: str, date: dt.date, empty_feeds: int = 0) -> str:
    notes = [f"{_count(d.read, 'article')} read", f"{d.merged} merged"]
    if empty_feeds:
        notes.append(f"{_count(empty_feeds, 'feed')} with no entries")
    if d.headlines:
        notes.append(_count(len(d.headlines), "headline"))
    left = dict(d.left_out)
    if left.get("older"):
        notes.append(f"{left['older']} older than the window ({d.window}) left out")
    if left.get("newer"):
        notes.append(f"{left['newer']} dated after the window ({d.window}) left out")
    if left.get("language"):
        notes.append(f"{left['language']} in other languages left out")
    if left.get("seen"):
        notes.append(f"{left['seen']} already in an earlier digest")
    if left.get("no news"):
        notes.append(f"{left['no news']} with no news left out")
    if d.boilerplate:
        notes.append(f"{_count(d.boilerplate, 'boilerplate passage')} removed")
    if d.skipped:
        notes.append(f"{d.skipped} skipped")
    notes.append(_count(len(d.stories), "story", "stories"))
    return f"Digest {date.isoformat()}: {', '.join(notes)} -> {where}"


def _count(n: int, one: str, many: str | None = None) -> str:
    """ "1 story", "3 stories", "1 article", "0 articles"."""
    return f"{n} {one if n == 1 else many or one + 's'}"
