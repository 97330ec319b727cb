"""Escaping text that comes from the data, for every output it can end up in."""

from __future__ import annotations

import html
import string

__all__ = ["escape_html", "escape_markdown", "escape_typst"]

_MARKDOWN_SPECIAL = frozenset(string.punctuation)
_TYPST_SPECIAL = frozenset("\\#$*_`<>@[]{}~\"'=/-+:;")


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def escape_markdown(text: object) -> str:
    """Text safe to place in Pandoc Markdown (prose or a pipe-table cell): every ASCII
    punctuation mark is backslash-escaped, so nothing in the data becomes markup, raw HTML,
    a citation or a table border. Line breaks become spaces.

    >>> print(escape_markdown("<script>alert(1)</script>"))
    \\<script\\>alert\\(1\\)\\<\\/script\\>
    >>> print(escape_markdown("Long La'ai | 50% @KPU"))
    Long La\\'ai \\| 50\\% \\@KPU
    """
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in _one_line(text))


def escape_typst(text: object) -> str:
    """Text safe to place inside a Typst content block ``[...]``.

    >>> print(escape_typst("#set page(width: 1cm) [x]"))
    \\#set page(width\\: 1cm) \\[x\\]
    """
    return "".join("\\" + c if c in _TYPST_SPECIAL else c for c in _one_line(text))


def escape_html(text: object) -> str:
    """Text safe to place in HTML element content or a quoted attribute.

    >>> escape_html("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape(str(text), quote=True)
