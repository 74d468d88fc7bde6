"""The subset of Compose's variable interpolation that `docker compose config` applies:
$VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$."""

from __future__ import annotations

import re
from typing import Any

PATTERN = re.compile(r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))")


class MissingVariable(Exception):
    pass


def interpolate_string(text: str, env: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["bare"]
        value = env.get(name)
        op, arg = match["op"], match["arg"] or ""
        if op in (":-", ":?") and value == "":
            value = None
        if op in (":-", "-") and value is None:
            return interpolate_string(arg, env)
        if op in (":?", "?") and value is None:
            raise MissingVariable(f"{name}: {arg}")
        if op in (":+", "+"):
            return interpolate_string(arg, env) if value not in (None, "") or (op == "+" and value is not None) else ""
        return value or ""

    return PATTERN.sub(replace, text)


def interpolate(node: Any, env: dict[str, str]) -> Any:
    if isinstance(node, str):
        return interpolate_string(node, env)
    if isinstance(node, list):
        return [interpolate(item, env) for item in node]
    if isinstance(node, dict):
        return {key: interpolate(value, env) for key, value in node.items()}
    return node


def required_variables(text: str) -> set[str]:
    """Variables a file uses without a default (${VAR:?…}, ${VAR?…}, ${VAR}, $VAR)."""
    names = set()
    for match in PATTERN.finditer(text):
        name = match["braced"] or match["bare"]
        if name and match["op"] in (None, ":?", "?"):
            names.add(name)
    return names
