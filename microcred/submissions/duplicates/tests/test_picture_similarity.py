import io

from PIL import Image

from microcred.submissions.duplicates import picture_similarity as pictures

from .factories import photo


def _hash(image, fmt="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    buffer.seek(0)
    return pictures.picture_hash(buffer)


def test_a_resized_and_re_encoded_copy_is_within_the_distance():
    original = photo(1)
    copy = original.resize((320, 240))
    distance = pictures.distance(_hash(original, quality=92), _hash(copy, quality=40))
    assert distance <= pictures.MAX_DISTANCE


def test_the_same_picture_saved_as_png_matches_the_jpeg():
    original = photo(3)
    assert pictures.distance(_hash(original), _hash(original, "PNG")) <= pictures.MAX_DISTANCE


def test_different_pictures_are_far_apart():
    assert pictures.distance(_hash(photo(1)), _hash(photo(2))) > pictures.MAX_DISTANCE


def test_bytes_that_are_not_a_picture_have_no_hash():
    assert pictures.picture_hash(io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50)) is None
    assert pictures.picture_hash(io.BytesIO(b"")) is None


def test_a_flat_picture_has_no_hash():
    assert _hash(Image.new("RGB", (200, 200), "white")) is None


def test_close_hashes_share_a_band_key():
    a = _hash(photo(4))
    b = a ^ 0b101  # two bits differ
    assert set(pictures.band_keys(a)) & set(pictures.band_keys(b))
