"""Output file names: the document kind and the region code, e.g. ``kabupaten-64.03.pdf``."""

from __future__ import annotations

__all__ = ["output_name"]


def output_name(kind: str, region_code: str, fmt: str) -> str:
    """The file name of one rendered document.

    >>> output_name("provinsi", "64", "html"), output_name("kabupaten", "64.03", "pdf")
    ('provinsi-64.html', 'kabupaten-64.03.pdf')
    """
    return f"{kind}-{region_code}.{fmt}"
