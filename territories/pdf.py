"""PDF export of a printable page, with WeasyPrint (HTML and CSS to PDF; needs the Pango library).

The page is rendered with everything inline (styles, the funnel's SVG), and WeasyPrint is told to
fetch nothing: a plan's text is people's text, and a PDF renderer that follows URLs in it would
reach whatever those URLs name.
"""


class PdfUnavailable(Exception):
    """WeasyPrint, or the Pango library it draws text with, is not installed here."""


def _fetch_nothing(url: str, *args, **kwargs):
    raise ValueError(f"The PDF export fetches nothing ({url[:40]}).")


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango (a system library) is missing
        raise PdfUnavailable(
            "The PDF export needs WeasyPrint and the Pango library on the server (on Debian: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0). The printable page works meanwhile: print it, or save it as PDF "
            "from the browser."
        ) from error
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
