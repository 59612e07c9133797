"""Sample CASE frameworks shipped with the demo; see README.md for their sources."""

from pathlib import Path

SAMPLES = sorted(Path(__file__).parent.glob("*.case.json"))


def load() -> int:
    """Import every sample for every issuer (replacing an earlier import); return how many."""
    from microcred.federation import services

    for sample in SAMPLES:
        services.import_framework(sample.read_bytes(), organization=None, by=None)
    return len(SAMPLES)
