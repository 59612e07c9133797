"""Benchmark: baking badge images and reading them back.

    .venv/bin/python bench/baking.py [--seconds 3]

In this process on one core, with a 400×400 badge PNG (as the demo draws them) and a
credential the size of the platform's (9 KB of JSON): PNG and SVG images baked per
second, baked images read back per second (chunks CRC-checked, SVG parsed with
defusedxml), the size of each baked file, and the peak memory of the process. Verifying
the credential read out costs what bench/signing.py measures for verification.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)


def badge() -> bytes:
    from microcred.demo import images

    upload = images.badge("Leading Restorative Circles", (46, 125, 50), stack=False)
    return upload.read()


def credential_text() -> str:
    """Text the shape and size of a signed credential of the platform, as the baked text."""
    criteria = [
        {
            "id": f"https://example.edu/achievements/circles/1#criterion-{n}",
            "type": ["ResultDescription"],
            "name": f"Criterion {n}: every voice",
            "resultType": "RubricCriterionLevel",
            "requiredLevel": f"https://example.edu/achievements/circles/1#criterion-{n}-met",
            "rubricCriterionLevel": [
                {
                    "id": f"https://example.edu/achievements/circles/1#criterion-{n}-met",
                    "type": ["RubricCriterionLevel"],
                    "name": "Met",
                    "description": "Each participant speaks at least once without being "
                    "interrupted, and the facilitator names the harm without blame.",
                }
            ],
        }
        for n in range(9)
    ]
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "https://example.edu/badges/0b7e/",
        "credentialSubject": {
            "achievement": {"resultDescription": criteria, "criteria": {"narrative": "x" * 4000}}
        },
        "proof": [{"proofValue": "z" + "5" * 86}],
    }
    return json.dumps(document)


def rate(label: str, work, seconds: float) -> None:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        work()
        done += 1
    elapsed = time.perf_counter() - start
    print(f"  {label:<34} {done / elapsed:>9,.0f} per second")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    django_setup.configure()  # no database: baking and reading are pure
    from microcred.credentials.formats import baking

    png = badge()
    text = credential_text()
    baked_png = baking.bake_png(png, keyword=baking.OB3_KEYWORD, text=text)
    baked_svg = baking.bake_svg(png, title="Leading Restorative Circles", credential=text).encode()
    print(f"Badge PNG {len(png) / 1024:.0f} KB, credential {len(text) / 1024:.0f} KB")
    print(f"Baked PNG {len(baked_png) / 1024:.0f} KB, baked SVG {len(baked_svg) / 1024:.0f} KB")
    print("One core:")
    rate(
        "bake a PNG",
        lambda: baking.bake_png(png, keyword=baking.OB3_KEYWORD, text=text),
        args.seconds,
    )
    rate(
        "bake an SVG",
        lambda: baking.bake_svg(png, title="Leading Restorative Circles", credential=text),
        args.seconds,
    )
    rate("read a baked PNG", lambda: baking.read(baked_png), args.seconds)
    rate("read a baked SVG", lambda: baking.read(baked_svg), args.seconds)
    assert baking.read(baked_png).credential == text
    assert baking.read(baked_svg).credential == text
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
