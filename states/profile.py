"""The state profile page is assembled from panels that higher apps register.

`states` knows nothing of obligations, needs or reports (it is the lowest app); each of those
apps registers a panel in its AppConfig.ready(), and the profile renders them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from states.models import State


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable[[HttpRequest, State], dict]


_panels: list[Panel] = []


def register_panel(order: int, template: str, context: Callable[[HttpRequest, State], dict]) -> None:
    if not any(p.template == template for p in _panels):
        _panels.append(Panel(order, template, context))
        _panels.sort(key=lambda p: p.order)


def panels_for(request: HttpRequest, state: State) -> list[tuple[str, dict]]:
    return [(panel.template, panel.context(request, state)) for panel in _panels]
