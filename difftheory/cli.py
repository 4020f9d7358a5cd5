"""The ``difftheory`` command. Usage errors (bad flags, or a ValueError from the API) print one line on
stderr and exit 2; ``verify`` exits 1 when a claim errored, 0 otherwise."""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module under difftheory.commands, one-line help)
COMMANDS = {
    "verify": ("verify", "run the claims ledger; write claims.json, report.md, report.html, figures"),
    "figures": ("figures", "regenerate the paper figures"),
    "kstar": ("kstar", "optimal k of kdiff's linear model for a (D, d, sampler, loss, clamp)"),
    "diffusion-size": ("diffusion_size", "ML- and MSE-diffusion sizes of a schedule and parameterization (mse §6)"),
    "bayes-floor": ("bayes_floor", "exact Bayes floor of erd App. F's 2D GMM for a target, schedule and t"),
    "linear": ("linear", "train kdiff's linear denoiser (exact or SGD) and compare with theory"),
    "gpu-validate": ("gpu_validate", "train / sample / evaluate the k-Diff image pipeline"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(chosen: str | None):
    parser = _Parser(prog="difftheory", description="Checks the theory of the kdiff, erd and mse papers.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        if name == chosen:
            importlib.import_module(f"difftheory.commands.{module}").add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(f"difftheory.commands.{COMMANDS[args.command][0]}")
    try:
        return int(module.run(args) or 0)
    except ValueError as exc:
        print(f"difftheory {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
