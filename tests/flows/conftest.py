import pytest


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the whole session: entering it costs seconds, so only once."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
