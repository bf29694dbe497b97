"""Errors the product reports to users. Each carries a one-line message fit for a terminal."""

from __future__ import annotations


class PostguardError(Exception):
    """Base class: anything raised to a user-facing adapter is one of these."""

    kind = "error"


class InputError(PostguardError):
    """The post or file cannot be checked as given (empty, too long, binary, bad encoding)."""

    kind = "input"


class UsageError(PostguardError):
    """An option or argument is wrong (unknown account kind, unknown rule code, bad time)."""

    kind = "usage"


class PackError(PostguardError):
    """A policy pack is malformed or breaks the base pack's limits."""

    kind = "policy-pack"


class ModelError(PostguardError):
    """A shipped model file is missing, or is not the file the package was built with (its sha256 differs
    from ``assets/MODELS.json``): the install is damaged."""

    kind = "model"
