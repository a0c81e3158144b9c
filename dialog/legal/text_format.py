"""The small plain-text format of the editable legal pages, to and from HTML.

Paragraphs are separated by blank lines; a line starting with "## " is a heading.
"""

from html.parser import HTMLParser

from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe


def text_to_html(text: str) -> str:
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("## "):
            blocks.append(f"<h2>{escape(block[3:].strip())}</h2>")
        else:
            lines = [urlize(escape(line), autoescape=False) for line in block.split("\n")]
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece is escaped above


class _ToText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self.current, self.links = [], "", []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h2", "li"):
            self._flush()
            self.current = "## " if tag == "h2" else ("- " if tag == "li" else "")
        elif tag == "br":
            self.current += "\n"

    def handle_endtag(self, tag):
        if tag in ("p", "h2", "li"):
            self._flush()

    def handle_data(self, data):
        self.current += " ".join(data.split()) if data.strip() else (" " if data else "")

    def _flush(self):
        text = "\n".join(line.strip() for line in self.current.split("\n")).strip()
        if text and text not in ("##", "-"):
            self.blocks.append(text)
        self.current = ""


def html_to_text(html: str) -> str:
    parser = _ToText()
    parser.feed(html)
    parser._flush()
    return "\n\n".join(parser.blocks)
