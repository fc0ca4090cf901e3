"""Article formats: what newsrooms keep articles as, each read into a title, a date and a body.

Plain text may open with header lines (`Date: 2024-10-27`, `Published: Oct. 27, 2024`,
`Title: …`, a bare ISO date); Markdown carries YAML front matter, as static-site and CMS
exports write it; a saved web page is reduced to its main text by trafilatura, which knows
menus, cookie banners and related links from an article far better than tag stripping.
Every offset mapgen reports indexes the body returned here, which `mapgen extract` shows.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, replace

from mapgen.errors import ArticleSkipped

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class Parsed:
    """One article's parts before a Document is made of them."""

    body: str
    title: str = ""
    date: dt.date | None = None
    date_source: str = "unknown"  # where the date came from: "marker", "header", "front matter", "page metadata"
    date_note: str = ""  # the words that gave the date, or why a date line could not be read


def read_as(suffix: str, text: str, path: str) -> Parsed:
    """Dispatch on the file's extension (lower case, with its dot)."""
    if suffix in MARKDOWN_SUFFIXES:
        return markdown(text, path)
    if suffix in HTML_SUFFIXES:
        return web_page(text, path)
    return plain_text(text)


_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\n?")
_HEADER = re.compile(r"^[ \t]*(?P<key>[A-Za-z][A-Za-z ]{1,20}?)[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*$")
_ISO_LINE = re.compile(r"^[ \t]*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?[ \t]*$")
DATE_KEYS = frozenset({"date", "published", "publication date", "posted", "pubdate", "publish date", "dateline date"})
TITLE_KEYS = frozenset({"title", "headline"})
_HEADER_LINES = 6


def full_date(value: object) -> dt.date | None:
    """A calendar day from a header or metadata value (ISO, "Oct. 27, 2024", a YAML date), or None
    when the value names no single day ("October 2024", "next week")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return None
    from dateutil import parser

    # parsed against two different defaults: a part the value lacks shows up as a difference
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = parser.parse(value, default=dt.datetime(2001, 1, 1), ignoretz=True)
            b = parser.parse(value, default=dt.datetime(2002, 2, 2), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return a.date() if a.date() == b.date() else None


_WRAP_MIN = 40  # a wrapped line is at least this long ...
_WRAP_BAND = 30  # ... and within this many characters of its paragraph's longest line
_WRAP_ALONE = 60  # a paragraph of two lines is wrapped only where its first is this long
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*\u2022]|\d+[.)])\s")


def unwrap(text: str) -> str:
    """Wire copy and e-mail wrap paragraphs at a fixed width: "the Tasman\nSea" is one name. Inside a
    paragraph whose lines but the last are all long and of about one length, each line break becomes a
    space (so every offset stays where it was); a short line (a headline), a list item or a paragraph of
    one line is left alone."""
    breaks: list[int] = []  # the line breaks to read as spaces
    pos = 0
    for block in _PARAGRAPHS.split(text):
        start = text.index(block, pos) if block else pos
        pos = start + len(block)
        lines = block.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if len(lines) >= 3 and len(lines[0].rstrip()) < _WRAP_MIN:  # a headline atop the paragraph stays apart
            start += len(lines[0]) + 1
            lines = lines[1:]
        if len(lines) < 2:
            continue
        widths = [len(line.rstrip()) for line in lines[:-1]]
        if len(lines) == 2 and widths[0] < _WRAP_ALONE:
            continue  # a headline over its first line, unless as long as a wrapped line
        if min(widths) < _WRAP_MIN or max(widths) - min(widths) > _WRAP_BAND \
                or any(_LIST_ITEM.match(line) for line in lines[1:]):
            continue
        at = start
        for line in lines[:-1]:
            at += len(line)
            breaks.append(at)
            at += 1
    if not breaks:
        return text
    out = list(text)
    for at in breaks:
        out[at] = " "
    return "".join(out)


def plain_text(text: str) -> Parsed:
    """A text file: the old ` date YYYY-MM-DD` marker, or header lines up top, then the body (its
    hard-wrapped paragraphs unwrapped)."""
    parsed = _plain_text(text)
    return replace(parsed, body=unwrap(parsed.body))


def _plain_text(text: str) -> Parsed:
    marker = _DATE_MARKER.match(text)
    if marker:
        try:
            return Parsed(text[marker.end():], date=dt.date.fromisoformat(marker.group(1)), date_source="marker",
                          date_note="the date marker line")
        except ValueError:
            pass  # "date 2020-13-45": not a date marker, leave the text alone
    title, date, cut, note = "", None, 0, ""
    pos = 0
    for n, line in enumerate(text.split("\n")):
        nxt = pos + len(line) + 1
        if n >= _HEADER_LINES + 2:
            break
        if not line.strip():
            if cut == pos:
                cut = nxt  # blank lines after the header block go with it
            pos = nxt
            continue
        iso, header = _ISO_LINE.match(line), _HEADER.match(line)
        key = header.group("key").strip().lower() if header else ""
        if iso and date is None and full_date(iso.group(1)):
            date = full_date(iso.group(1))
            note = f"the line {line.strip()!r}"
        elif key in DATE_KEYS and date is None and not note:
            date = full_date(header.group("value"))
            note = f"the line {line.strip()!r}" if date else f"unreadable date line {line.strip()!r}"
        elif key in TITLE_KEYS and not title:
            title = " ".join(header.group("value").split())
        else:
            break
        cut = pos = nxt
    if not (date or title or note):
        return Parsed(text)
    return Parsed(text[cut:], title=title, date=date, date_source="header" if date else "unknown", date_note=note)


FRONT_MATTER_DATE_KEYS = ("date", "published", "publishdate", "pubdate", "date_published", "datepublished")


def markdown(text: str, path: str) -> Parsed:
    """Markdown with optional YAML front matter; the body becomes plain text, one block a line,
    so a link's address or a heading's hashes never reach the place finder or a popup."""
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" (line {where.line + 1})" if where is not None else ""
        raise ArticleSkipped(path, f"front matter is not valid YAML{line}") from e
    meta = {str(k).lower(): v for k, v in post.metadata.items()}
    date = next((d for d in (full_date(meta.get(k)) for k in FRONT_MATTER_DATE_KEYS) if d), None)
    title = meta.get("title")
    return Parsed(
        markdown_text(post.content), title=" ".join(str(title).split()) if title else "",
        date=date, date_source="front matter" if date else "unknown", date_note="the front matter" if date else "",
    )


def markdown_text(source: str) -> str:
    """Markdown to plain text: headings, paragraphs, list items and quotes a line each; link and
    image text kept, addresses, raw HTML and code blocks left out."""
    from markdown_it import MarkdownIt

    lines: list[str] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type != "inline" or not token.children:
            continue
        parts = []
        for child in token.children:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type == "image":
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        line = " ".join("".join(parts).split())
        if line:
            lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def web_page(html: str, path: str) -> Parsed:
    """A saved web page: trafilatura's main text, title and publication date (from the page's
    metadata, never guessed from the text or today's date)."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_images=False, include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    body = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not body:
        raise ArticleSkipped(path, "no article text found in the web page")
    title = " ".join((found.title or "").split())
    date = full_date(found.date) if found.date else None
    return Parsed(body + "\n", title=title, date=date, date_source="page metadata" if date else "unknown",
                  date_note="the page's publication date (trafilatura/htmldate)" if date else "")
