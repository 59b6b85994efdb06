from cchc.tracking.tests.conftest import follow, today  # noqa: F401  (the tracking world)
