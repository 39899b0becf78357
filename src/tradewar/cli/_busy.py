"""A spinner on stderr for anything that takes more than a second (stdout stays clean)."""

from __future__ import annotations

from typing import Any


def busy(text: str) -> Any:
    """``with busy("solving"):`` shows a rich spinner with ``text`` on stderr until done.

    Nothing is drawn when stderr is not a terminal (pipes, CI logs, tests).
    """
    from rich.console import Console

    return Console(stderr=True).status(text)


def say(text: str) -> None:
    """One still line on stderr (a terminal only): feedback without a spinner's thread.

    For work that forks (the HTML report's charts): forking beside a running thread is unsafe.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if console.is_terminal:
        console.print(f"[dim]{text}…[/dim]")
