"""The ``difftheory`` command. Every way a command can end early ends with one line on stderr, never a traceback:

- usage errors (a bad flag, or a ValueError from the API: the flag, the value — a long one shortened — and the
  valid range) exit 2, before any work;
- Ctrl-C, SIGTERM and SIGHUP exit 128 + the signal number (130, 143, 129) after the command stopped its workers;
  ``verify`` says that ``--resume`` continues;
- a closed stdout (``difftheory kstar --json | head -c 100``) exits 141 (128 + SIGPIPE, what a shell reports for
  a command killed by it);
- a full disk or another failed write exits 1, with nothing half-written (outputs appear by rename only).

``verify`` exits 1 when a claim errored, 0 otherwise."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import signal
import sys

from difftheory.io import STOP_SIGNALS, disk_full
from difftheory.validate import SHOWN_MAX, shown

# name -> (module, one-line help): the core's commands, then every registered paper's own (difftheory.paper)
CORE_COMMANDS = {
    "verify": ("difftheory.commands.verify", "run the claims ledger; write claims.json, report.md, report.html, figures"),
    "figures": ("difftheory.commands.figures", "regenerate the paper figures"),
}


def commands() -> dict[str, tuple[str, str]]:
    from difftheory import paper

    out = dict(CORE_COMMANDS)
    for p in paper.papers().values():
        for name, module, help_ in p.commands:
            out.setdefault(name, (module, f"{help_} [{p.name}]"))
    return out

# A value that starts with '-' but is a number ('-1e-300', '-.5', '-inf', '-nan') is a value, not an option
# (argparse's own pattern knows only '-1' and '-1.5').
NEGATIVE_NUMBER = re.compile(r"^-(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$|^-(inf|infinity|nan)$", re.IGNORECASE)
SIGNALS = tuple(s for s in STOP_SIGNALS if hasattr(signal, s))
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE
EXIT_FAILED = 1  # a write failed (full disk, permissions changed during the run)


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP, raised in the main thread so that ``finally`` blocks stop workers and remove
    temporary files (a KeyboardInterrupt, so code that handles Ctrl-C handles all three alike)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


class _Parser(argparse.ArgumentParser):
    argv: list[str] = []  # the command line being parsed (set by main), to shorten its long values in messages

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER  # argparse reads it to tell values from options

    def error(self, message):  # one line, exit 2
        m = re.match(r"argument ([^:/ ]+)(?:/\S+)?: expected one argument$", message)
        action = self._option_string_actions.get(m.group(1)) if m else None
        if action is not None:  # say what the flag takes
            valid = getattr(action.type, "valid", None) or (f"one of {', '.join(map(str, action.choices))}"
                                                            if action.choices else _first_clause(action.help))
            if valid:
                message += f" ({valid})"
        self.exit(2, f"{self.prog}: error: {one_line(message, _Parser.argv)}\n")


def _first_clause(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.replace("%%", "%").split())
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def one_line(message: str, argv: list[str] = ()) -> str:
    """``message`` on one line with every long value shortened (``validate.shown``): the command-line values
    longer than ``SHOWN_MAX``, as given or quoted, then any word still twice that long."""
    values = {a for a in argv if len(a) > SHOWN_MAX}
    values |= {a.split("=", 1)[1] for a in argv if a.startswith("-") and "=" in a and len(a.split("=", 1)[1]) > SHOWN_MAX}
    for v in sorted(values, key=len, reverse=True):
        message = message.replace(repr(v), shown(v)).replace(v, shown(v))
    message = re.sub(r"[^\s'\"]{%d,}" % (2 * SHOWN_MAX), lambda m: shown(m.group(0)), message)
    return " ".join(message.split())


def build_parser(chosen: str | None):
    from difftheory import paper

    parser = _Parser(prog="difftheory", description="Checks the theory of diffusion-model papers: "
                                                    + ", ".join(paper.names()) + ".")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_) in commands().items():
        p = sub.add_parser(name, help=help_, description=help_)
        if name == chosen:
            importlib.import_module(module).add_arguments(p)
    return parser


def _as_flag(message: str, parser) -> str:
    """An API error names its parameter (``t0 must be …``); the CLI names the flag (``--t0 must be …``)."""
    m = re.match(r"^([A-Za-z_]\w*)( must| is)", message)
    if m:
        for action in parser._actions:
            if action.dest == m.group(1) and action.option_strings:
                return action.option_strings[-1] + message[len(m.group(1)):]
    return message


@contextlib.contextmanager
def _signals_raise():
    """SIGINT/SIGTERM/SIGHUP raise ``Interrupted`` in the main thread; the first one also ignores the rest, so the
    clean-up it starts is not itself interrupted. The previous handlers are restored afterwards."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        for name in SIGNALS:
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        raise Interrupted(signum)

    before = {name: signal.signal(getattr(signal, name), handler) for name in SIGNALS}
    try:
        yield
    finally:
        for name, h in before.items():
            signal.signal(getattr(signal, name), h)


def _stdout_to_devnull() -> None:
    """After a broken pipe: what is still buffered for stdout goes nowhere (Python's final flush would print a
    second BrokenPipeError otherwise)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    name, args, parser = "", None, None

    def say(text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            print(f"difftheory{' ' + name if name else ''}: {one_line(text, argv)}", file=sys.stderr)

    _Parser.argv = argv
    with _signals_raise():
        try:
            chosen = next((a for a in argv if not a.startswith("-")), None)
            parser = build_parser(chosen if chosen in commands() else None)
            args = parser.parse_args(argv)
            if args.command is None:
                parser.print_help()
                return 2
            name = args.command
            module = importlib.import_module(commands()[name][0])
            parser = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[name]
            for action in parser._actions:  # '--flag=--' reaches here as [] (argparse < 3.12 drops the '--')
                if isinstance(action, argparse._StoreAction) and action.nargs is None and isinstance(
                        getattr(args, action.dest, None), list):
                    parser.error(f"argument {action.option_strings[-1]}: expected one argument")
            rc = int(module.run(args) or 0)
            sys.stdout.flush()  # a closed pipe shows here, not at exit
            return rc
        except SystemExit:  # argparse: --help, or a usage error already printed
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                _stdout_to_devnull()
                return EXIT_BROKEN_PIPE
            raise
        except ValueError as exc:
            say(f"error: {_as_flag(str(exc), parser) if parser is not None else exc}")
            return 2
        except KeyboardInterrupt as exc:
            signame = exc.name if isinstance(exc, Interrupted) else "SIGINT"
            hint = _hint(name, args)
            say(f"interrupted ({signame}){'; ' + hint if hint else ''}")
            return 128 + getattr(signal, signame)
        except BrokenPipeError:
            _stdout_to_devnull()
            say("error: stdout was closed before the output was written (broken pipe)")
            return EXIT_BROKEN_PIPE
        except OSError as exc:  # a failed write: full disk, a folder made read-only during the run
            where = f" ({exc.filename})" if exc.filename else ""
            full = disk_full(exc)
            hint = _hint(name, args)
            say(f"error: {'the disk is full' if full else exc.strerror or exc}{where}; nothing half-written"
                f"{'; ' + hint if hint else ''}")
            return EXIT_FAILED


def _hint(name: str, args) -> str:
    """What continues a stopped run (``verify``: --resume when its finished claims were kept)."""
    if not name or args is None:
        return ""
    hint = getattr(importlib.import_module(commands()[name][0]), "stopped_hint", None)
    try:
        return hint(args) if hint else ""
    except Exception:  # noqa: BLE001 - a hint must not turn a clean stop into a traceback
        return ""


if __name__ == "__main__":
    sys.exit(main())
