"""Reading a JSON body: UTF-8, nesting and number size bounded (ninja reports a failure as PG670)."""

from __future__ import annotations

import json
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser

MAX_DEPTH = 32


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            break
        nxt: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                nxt.extend(item.values())
            elif isinstance(item, list):
                nxt.extend(item)
        level = nxt
    return depth


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        text = request.body.decode("utf-8")  # UnicodeDecodeError: "not UTF-8"
        value = json.loads(text)  # ValueError (also a number of thousands of digits), RecursionError
        if _depth(value) > MAX_DEPTH:
            raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
        return cast(dict[str, Any], value)
