"""Reading a report's PDF back."""

import io
import re

from pypdf import PdfReader


def pdf_text(report) -> tuple[str, int]:
    """The text of the report's stored PDF and its page count."""
    with report.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Undo the automatic hyphenation (U+2010 at a line end) so that words can be found.
    text = re.sub(r"\u2010\s+", "", text)
    return " ".join(text.split()), len(reader.pages)
