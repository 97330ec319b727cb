"""YAML read through libyaml's C loader when it is installed (several times faster than the
pure-Python loader, same safe subset), else through the pure-Python safe loader."""

from __future__ import annotations

from typing import IO, Any

import yaml

__all__ = ["load_yaml"]

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | bytes | IO[str] | IO[bytes]) -> Any:
    """The Python value of one YAML document, read with the safe loader (C when available).

    >>> load_yaml("norm: 600\\nitems: [surat_suara, tinta]")
    {'norm': 600, 'items': ['surat_suara', 'tinta']}
    >>> load_yaml("") is None
    True
    """
    return yaml.load(source, Loader=_SafeLoader)
