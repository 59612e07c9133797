"""The coverage gate of `make test`: fails when the suite's branch coverage falls.

Reads the data the suite wrote (.coverage) and the rules in pyproject.toml's
[tool.microcred.coverage]:

- `floor`: the total (statements and branches, as `coverage report` counts them) may not
  fall below it. It only rises: when the total has gone up, set it to the new total rounded
  down (`--raise` does that edit).
- `complete`: modules that must be covered completely, every line and every branch: the
  state machines and the signing (`pending` lists those on their way there, reported with
  what they miss but not failing). Each entry is a pattern in coverage's
  own syntax (`*` crosses folders), so a module that moves into a subpackage stays matched;
  an entry that matches no measured module fails the gate rather than passing unseen.

Usage: .venv/bin/python scripts/coverage_floor.py [--raise] [--data-file .coverage]
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import math
import re
import sys
import tomllib
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def rules() -> dict:
    with PYPROJECT.open("rb") as handle:
        return tomllib.load(handle)["tool"]["microcred"]["coverage"]


def raise_floor(new_floor: int) -> None:
    """Write the new floor into pyproject.toml, keeping the file as it is otherwise."""
    text = PYPROJECT.read_text()
    table = text.index("[tool.microcred.coverage]")
    head, tail = text[:table], text[table:]
    tail = re.sub(r"(?m)^floor = \d+$", f"floor = {new_floor}", tail, count=1)
    PYPROJECT.write_text(head + tail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-file", default=str(ROOT / ".coverage"))
    parser.add_argument(
        "--raise",
        dest="raise_floor",
        action="store_true",
        help="set the floor to today's total, rounded down, when that is higher",
    )
    args = parser.parse_args(argv)
    config = rules()
    floor = int(config["floor"])
    patterns = list(config["complete"])

    cov = coverage.Coverage(data_file=args.data_file, config_file=str(PYPROJECT))
    cov.load()
    measured = [
        str(Path(name).resolve().relative_to(ROOT)) for name in cov.get_data().measured_files()
    ]
    if not measured:
        print(f"No coverage data in {args.data_file}; run the suite with --cov first.")
        return 1

    failures = []
    total = cov.report(file=io.StringIO(), skip_covered=True, show_missing=False)
    print(f"Branch coverage: {total:.2f}% (floor {floor}%).")
    if total < floor:
        failures.append(
            f"The total fell to {total:.2f}%, below the floor of {floor}%: "
            "test what the change added."
        )

    unmatched = [p for p in patterns if not any(fnmatch.fnmatch(m, p) for m in measured)]
    for pattern in unmatched:
        failures.append(
            f"No measured module matches {pattern!r} in [tool.microcred.coverage] complete: "
            "if the module moved, update the pattern."
        )
    matched = [p for p in patterns if p not in unmatched]
    if matched:
        out = io.StringIO()
        whole = cov.report(
            include=[str(ROOT / p) for p in matched],
            file=out,
            skip_covered=True,
            show_missing=True,
        )
        if whole < 100:
            failures.append(
                "These modules must be covered completely, every line and branch "
                "(state machines, permissions, signing):\n" + out.getvalue()
            )

    if args.raise_floor and not failures and math.floor(total) > floor:
        raise_floor(math.floor(total))
        print(f"Raised the floor to {math.floor(total)}% in pyproject.toml.")
    elif not failures and math.floor(total) > floor:
        print(f"The total is above the floor: raise it with {Path(__file__).name} --raise.")

    pending = [p for p in config.get("pending", []) if any(fnmatch.fnmatch(m, p) for m in measured)]
    if pending:
        out = io.StringIO()
        cov.report(
            include=[str(ROOT / p) for p in pending], file=out, skip_covered=True, show_missing=True
        )
        print("Not yet covered completely (pending in pyproject.toml):\n" + out.getvalue())

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
