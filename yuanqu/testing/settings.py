"""Settings for the test suite: the production settings, with a throwaway key, no HTTPS redirect
(the test client speaks plain HTTP) and a fast password hasher."""

import os

os.environ.setdefault("YUANQU_SECRET_KEY", "test-only-key-" + "k" * 50)
os.environ.setdefault("YUANQU_SSL_REDIRECT", "false")

from yuanqu.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Production requires two-factor sign-in of the administrators; the personas sign in with
# force_login, so the suite turns the requirement off and accounts/tests/test_twofactor.py turns it
# back on where it is the subject.
YUANQU_2FA_ROLES = []
