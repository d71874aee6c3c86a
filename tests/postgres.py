"""Run the suite on PostgreSQL: `python -m pytest -p tests.postgres` (make test does).

Before Django loads its settings, this plugin starts a throwaway PostgreSQL cluster in a
temporary folder (tests/servers.py: Debian's postgresql, run as its `postgres` user when
run as root) and points DATABASE_URL at it, so that the site starts exactly as it does in
production on PostgreSQL; pytest-django then creates the test database there. The cluster
is stopped and its folder removed when the run ends. Without this plugin the suite runs on
SQLite, in memory.
"""

import os

import pytest

from tests.servers import PostgresCluster

CLUSTER = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """Around pytest-django's own hook, which loads the settings."""
    cluster = PostgresCluster.throwaway().start()
    early_config.stash[CLUSTER] = cluster
    os.environ["DATABASE_URL"] = cluster.url("star")
    return (yield)


DATABASE_INDEPENDENT = pytest.mark.skip(
    reason="uses no database, or an SQLite file of its own: the run on SQLite proves it"
)


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py has marked its tests
def pytest_collection_modifyitems(items):
    """The browser tests last, after the tests of real servers. make test runs this suite
    beside the one on SQLite, where pytest-django's order (transactional tests after the
    others) puts them before those: this way the two Chromiums are busy at the same time
    less. Moved among the transactional tests only, so no test that keeps the migrations'
    rows (the tree's root, the groups) comes after one that empties every table.

    Tests marked `database_independent` would repeat here exactly what they do there."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    for item in items:
        if item.get_closest_marker("database_independent"):
            item.add_marker(DATABASE_INDEPENDENT)


def pytest_report_header(config):
    cluster = cluster_of(config)
    return f"database: PostgreSQL, a throwaway cluster in {cluster.folder}" if cluster else None


def pytest_unconfigure(config):
    cluster = cluster_of(config)
    if cluster is not None:
        cluster.remove()


def cluster_of(config):
    return config.stash.get(CLUSTER, None)
