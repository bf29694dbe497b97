"""Domain names for access withdrawals: normalised once, here, to the ASCII form a proxy matches.

A domain is given bare (``facebook.com``, ``Bücher.example``, ``*.tiktok.com`` or ``.tiktok.com``, which
mean the same: a withdrawal always covers the domain and every name under it). It is mapped with UTS 46
and encoded with IDNA 2008 (the ``idna`` package), lower-cased, its trailing dot dropped, and checked: two
labels at least, each 1 to 63 letters, digits or hyphens (not at either end), 253 characters in all, and a
top-level label that is not a number (an address is not a site's name). A URL, a path, a port, an address
or a name with spaces is refused with the reason.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from postguard.errors import GovernanceError

MAX_DOMAINS = 100
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_FORBIDDEN = re.compile(r"[\s/:@?#\\\[\]\"';,]")


def normalise_domain(value: str) -> str:
    """The domain's ASCII form (``xn--bcher-kva.example``); :class:`GovernanceError` PG654 with the reason
    when it is not a domain."""
    import idna

    raw = value.strip()
    name = raw.removeprefix("*.").removeprefix(".").removesuffix(".")
    if not name:
        raise GovernanceError("PG654", value=value, reason="it is empty")
    if "://" in name or _FORBIDDEN.search(name):
        raise GovernanceError(
            "PG654", value=value, reason="give the domain alone, like facebook.com, without a scheme, path or port"
        )
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        raise GovernanceError("PG654", value=value, reason="it is an address; give the site's domain name")
    try:
        ascii_name = idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise GovernanceError("PG654", value=value, reason=f"not a valid internationalised name ({exc})") from None
    ascii_name = ascii_name.lower()
    labels = ascii_name.split(".")
    if len(labels) < 2:
        raise GovernanceError("PG654", value=value, reason="a site's domain has at least two labels (example.com)")
    if len(ascii_name) > 253:
        raise GovernanceError("PG654", value=value, reason="it is longer than 253 characters")
    for label in labels:
        if not _LABEL.fullmatch(label):
            raise GovernanceError(
                "PG654", value=value, reason=f"the label {label!r} is not letters, digits and inner hyphens"
            )
    if labels[-1].isdigit():
        raise GovernanceError("PG654", value=value, reason="its last label is a number; give the site's domain name")
    return ascii_name


def normalise_domains(values: Iterable[str]) -> list[str]:
    """Each domain normalised, duplicates dropped, sorted; at least one and at most :data:`MAX_DOMAINS`."""
    out = sorted({normalise_domain(v) for v in values})
    if not out:
        raise GovernanceError("PG654", value="", reason="name at least one site")
    if len(out) > MAX_DOMAINS:
        raise GovernanceError(
            "PG654", value=f"{len(out)} domains", reason=f"name at most {MAX_DOMAINS} in one withdrawal"
        )
    return out


def without_subdomains(domains: Iterable[str]) -> list[str]:
    """The domains that no other in the list covers (``m.facebook.com`` goes when ``facebook.com`` is there):
    Squid refuses a ``dstdomain`` list that holds a name and one under it."""
    unique = sorted(set(domains), key=lambda d: (d.count("."), d))
    kept: list[str] = []
    for domain in unique:
        if not any(domain.endswith("." + parent) for parent in kept):
            kept.append(domain)
    return sorted(kept)
