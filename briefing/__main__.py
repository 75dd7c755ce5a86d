"""``python -m briefing``: the command line (``briefing.cli``)."""

import sys

try:
    from .cli import main
except ModuleNotFoundError as err:
    if (err.name or "").split(".")[0] == "briefing":
        raise  # our own module missing is a bug, not a set-up problem
    # "python -m briefing" in a checkout, with a Python that has not installed briefing
    sys.exit(
        f"error: briefing needs the package {err.name!r}, which {sys.executable} does not "
        "have; install briefing first (make run, or pip install -e . in the checkout)"
    )

if __name__ == "__main__":
    main()
