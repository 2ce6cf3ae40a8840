"""What every subcommand shares: the parser class, option types, exit codes and the warning line."""

from __future__ import annotations

import argparse

EXIT_USAGE = 2
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other usage error here
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    return value


def _whole_number(minimum: int):
    """An argparse type: a whole number of at least `minimum`."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


positive_int = _whole_number(1)
count = _whole_number(0)


def warner(err_console):
    """The one-line warning every command prints about its input (never wrapped: one message, one line)."""
    return lambda message: err_console.print(f"contradictions: warning: {message}", highlight=False, markup=False,
                                             soft_wrap=True)
