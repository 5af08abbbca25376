"""Django for the platform tests, without pytest-django.

The settings module is ``ipzone.web.settings`` driven by the environment: a throwaway
``IPZONE_HOME``, SQLite by default (the test runner uses an in-memory database) or PostgreSQL
when ``IPZONE_TEST_PG=1`` (``IPZONE_TEST_PG_URL``, default postgresql://postgres@127.0.0.1:5432/ipzone;
the tests create their own ``test_ipzone_<pid>`` database and drop it). Tests are
``django.test.TestCase`` classes: each test runs in a transaction that is rolled back.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

HOME = Path(tempfile.mkdtemp(prefix="ipzone-test-home-"))
os.environ["IPZONE_HOME"] = str(HOME)
os.environ["IPZONE_TESTING"] = "1"
os.environ["IPZONE_SECRET_KEY"] = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
os.environ.pop("IPZONE_DEBUG", None)
os.environ.pop("IPZONE_CONFIG", None)
PG = os.environ.get("IPZONE_TEST_PG") == "1"
if PG:
    os.environ["IPZONE_DB"] = os.environ.get("IPZONE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/ipzone")
else:
    os.environ["IPZONE_DB"] = f"sqlite:///{HOME / 'ipzone.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "ipzone.web.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: fast

if PG:
    connections["default"].settings_dict["TEST"]["NAME"] = f"test_ipzone_{os.getpid()}"


@pytest.fixture(scope="session", autouse=True)
def django_test_database():
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases, teardown_test_environment

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    yield
    teardown_databases(old, verbosity=0)
    teardown_test_environment()
