"""Word limits of a written requirement: counting words, and reading the limit an author
states in the instructions ("In 300 to 500 words, reflect on …").

What the instructions promise is what the platform enforces: a requirement created with
such a sentence gets the same numbers as its `min_words` / `max_words`, so the earner is
never judged against a limit the page did not state, nor told one that nobody keeps.
"""

from __future__ import annotations

import re

# A word is a run of letters or digits, joined by apostrophes or hyphens ("don't",
# "well-being"); dashes and stray punctuation count for nothing.
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")

_NUMBER = r"(\d{1,5}(?:,\d{3})?)"
_RANGE = re.compile(
    rf"\b(?:between\s+)?{_NUMBER}\s*(?:to|-|–|—|and)\s*{_NUMBER}\s+words\b", re.IGNORECASE
)
_AT_MOST = re.compile(
    rf"\b(?:up\s+to|at\s+most|no\s+more\s+than|maximum\s+of|max\.?)\s+{_NUMBER}\s+words\b",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(
    rf"\b(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than|minimum\s+of|min\.?)\s+{_NUMBER}"
    r"\s+words\b",
    re.IGNORECASE,
)


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def stated_word_limits(instructions: str) -> tuple[int | None, int | None]:
    """(minimum, maximum) words the instructions state; None where they state none."""
    text = instructions or ""
    if found := _RANGE.search(text):
        low, high = sorted((_number(found.group(1)), _number(found.group(2))))
        return low, high
    low = _number(m.group(1)) if (m := _AT_LEAST.search(text)) else None
    high = _number(m.group(1)) if (m := _AT_MOST.search(text)) else None
    return low, high
