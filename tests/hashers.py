"""Django's PBKDF2 with a thousand rounds instead of a million, for the tests only.

Staff passwords are hashed slowly on purpose, and the suite makes and checks a few hundred
of them: at about 0.2 s each that was most of the time of the admin tests. The algorithm
keeps its name, and each hash carries its own round count, so servers the tests start with
the production settings still accept these passwords.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1000
