"""Small server-rendered SVG charts for the reliability page: no script, a text
alternative on every chart, and the figures also in a table beside it."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 240, 60, 4


@dataclass
class Line:
    points: str  # SVG polyline points
    threshold_y: float
    width: int
    height: int
    first: float
    last: float
    lowest: float


def drift_line(values: list[float], *, threshold: float) -> Line | None:
    """A sparkline of rolling agreement (0 to 1) with the retraining threshold as a rule."""
    if not values:
        return None
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(len(values) - 1, 1)

    def y(value: float) -> float:
        return round(PAD + (1 - value) * inner_h, 1)

    points = " ".join(f"{round(PAD + i * step, 1)},{y(v)}" for i, v in enumerate(values))
    if len(values) == 1:
        points += f" {WIDTH - PAD},{y(values[0])}"
    return Line(
        points=points,
        threshold_y=y(threshold),
        width=WIDTH,
        height=HEIGHT,
        first=values[0],
        last=values[-1],
        lowest=min(values),
    )
