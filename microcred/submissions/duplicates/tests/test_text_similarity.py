import tracemalloc

from microcred.submissions.duplicates import text_similarity as texts

from .factories import ANOTHER_INDEPENDENT, INDEPENDENT, LIGHTLY_EDITED, ORIGINAL


def _jaccard(a: str, b: str) -> float:
    return texts.similarity(texts.fingerprint(a).signature, texts.fingerprint(b).signature)


def test_a_lightly_edited_copy_scores_well_above_the_flag_threshold():
    assert _jaccard(ORIGINAL, LIGHTLY_EDITED) >= 0.5


def test_independent_accounts_of_the_same_practice_share_nothing():
    assert _jaccard(ORIGINAL, INDEPENDENT) < 0.1
    assert _jaccard(INDEPENDENT, ANOTHER_INDEPENDENT) < 0.1


def test_case_and_punctuation_do_not_hide_a_copy():
    shouted = ORIGINAL.upper().replace(",", "").replace(".", " !")
    assert _jaccard(ORIGINAL, shouted) == 1.0


def test_a_lightly_edited_copy_shares_a_band_key():
    a, b = texts.fingerprint(ORIGINAL), texts.fingerprint(LIGHTLY_EDITED)
    assert set(a.band_keys()) & set(b.band_keys())


def test_a_signature_survives_storage_unchanged():
    fingerprint = texts.fingerprint(ORIGINAL)
    assert texts.unpack(fingerprint.packed()) == fingerprint.signature
    assert len(fingerprint.packed()) == 4 * texts.BINS


def test_empty_text_has_no_fingerprint():
    assert texts.fingerprint("") is None
    assert texts.fingerprint("  ... !!! ") is None


def test_a_short_text_still_gets_a_full_signature():
    fingerprint = texts.fingerprint("Exit tickets every day")
    assert len(fingerprint.signature) == texts.BINS
    assert len(fingerprint.band_keys()) == texts.BANDS


def test_a_100000_word_text_is_fingerprinted_in_bounded_memory():
    vocabulary = (ORIGINAL + " " + INDEPENDENT).split()
    text = " ".join(vocabulary[(i * 7919) % len(vocabulary)] for i in range(100_000))
    tracemalloc.start()
    fingerprint = texts.fingerprint(text)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(fingerprint.signature) == texts.BINS
    # One hash per word run and per distinct word; the signature itself is 512 bytes.
    assert peak < 64 * 1024 * 1024


def test_shared_runs_mark_only_the_passages_found_in_both():
    runs = texts.shared_runs(LIGHTLY_EDITED, ORIGINAL)
    marked = [LIGHTLY_EDITED[start:end] for start, end in runs]
    assert any("sorted the tickets into three piles" in m for m in marked)
    assert not any("eleven" in m for m in marked)


def test_texts_on_the_same_practice_have_no_marked_runs_of_substance():
    runs = texts.shared_runs(INDEPENDENT, ORIGINAL)
    assert sum(end - start for start, end in runs) < 40
