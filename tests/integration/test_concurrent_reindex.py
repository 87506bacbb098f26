"""Rebuilds of the search index started at once in one process never trip over each other."""

from __future__ import annotations

import threading

from bot.app.container import build_container
from bot.settings import Settings


def test_rebuilds_started_together_from_several_threads_all_succeed(tmp_path):
    # A staff publish (worker thread) and the cluster's index watch (another thread) can both
    # find the index stale at the same moment.
    container = build_container(Settings(_env_file=None, data_dir=tmp_path))
    knowledge, errors = container.knowledge, []
    start = threading.Barrier(4)

    def rebuild(ensure: bool) -> None:
        start.wait()
        try:
            knowledge.ensure_index() if ensure else knowledge.reindex()
        except Exception as error:  # collected: a thread's exception would be lost otherwise
            errors.append(error)

    try:
        threads = [threading.Thread(target=rebuild, args=(n % 2 == 0,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert knowledge.ensure_index() is False  # the index ends up matching the database
        assert container.answers.searcher is not None
    finally:
        container.close()
