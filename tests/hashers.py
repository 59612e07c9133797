"""A password hasher for the test run: Argon2 itself, at the lowest cost it allows.

Hashes keep the `argon2$` form, so a test that reads how passwords are stored sees what
production writes; only the work factor is smaller, which the suite pays for every person
it makes and every sign-in it drives.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8
    parallelism = 1
