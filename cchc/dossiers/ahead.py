"""A dossier file read one step ahead of its storing, in a thread of its own.

An import alternates between reading and checking a block of rows and storing it. SQLite's
`sqlite3` module lets go of the interpreter while it writes, so with the reading in a thread
the next block is read and checked while the last one is stored, on the other core. Used on
SQLite only (`pays`; bench/dossiers/RESULTS.md, decision 0120).

Only the reader runs in the thread: it reads the file and nothing else (no database, so no
connection of its own; the active language is carried over for its messages). Its items come
out in the same order, grouped (a block of valid rows, or up to `GROUP` single rows and
errors); the next group is read only once the caller took the last, so at most two are held
(the one being stored, the one being read). An error of the reader is raised where its place
in the file is reached; a caller that stops early stops the thread and waits for it, so the
file is closed by the time the import returns.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import connection
from django.utils import translation

T = TypeVar("T")

GROUP = 2000  # single rows and errors handed over together
_WAIT = 0.1  # seconds between looks at the stop signal while waiting for the caller


def pays() -> bool:
    """Whether reading ahead shortens an import on this database: on SQLite, whose writing
    runs in this process with the interpreter lock released, it did (15–27% in 3 pairs of 4);
    on PostgreSQL, whose backend already works while the client sends a block, the reading
    thread (and Polars' threads) took the cores from it, and the import was slower in 4
    pairs of 5 (bench/dossiers/RESULTS.md, decision 0120)."""
    return connection.vendor == "sqlite"


def read_ahead(items: Iterable[T], is_block=lambda item: False) -> Iterator[T]:
    """The items of `items`, produced by a thread that runs one group ahead of the caller.

    `is_block(item)` says that an item is large (a block of rows) and is handed over at once.
    """
    reader = _Reader(iter(items), is_block)
    reader.thread.start()
    try:
        while True:
            group, error, ended = reader.queue.get()
            reader.room.release()  # the reader may start on the next group
            yield from group
            if error is not None:
                raise error
            if ended:
                return
    finally:
        reader.stop.set()
        reader.thread.join()


class _Reader:
    """The thread's side: reads a group only once the caller took the one before, so that at
    most two groups are held at once (the one being stored, the one being read)."""

    def __init__(self, iterator: Iterator, is_block) -> None:
        self.iterator = iterator
        self.is_block = is_block
        self.queue: queue.SimpleQueue[tuple[list, BaseException | None, bool]] = queue.SimpleQueue()
        self.room = threading.Semaphore(1)
        self.stop = threading.Event()
        self.language = translation.get_language()
        self.thread = threading.Thread(target=self.run, name="dossier-reader", daemon=True)

    def run(self) -> None:
        group: list = []
        try:
            with translation.override(self.language):
                if not self.wait_for_room():
                    return
                for item in self.iterator:
                    group.append(item)
                    if self.is_block(item) or len(group) >= GROUP:
                        self.queue.put((group, None, False))
                        group = []
                        if not self.wait_for_room():
                            return
            self.queue.put((group, None, True))
        except BaseException as error:  # raised again in the caller's thread
            self.queue.put((group, error, False))
        finally:
            close = getattr(self.iterator, "close", None)
            if close is not None:
                close()  # the reader's own clean-up (its file), in its thread

    def wait_for_room(self) -> bool:
        """Wait until the caller took the last group; False when it stopped listening."""
        while not self.stop.is_set():
            if self.room.acquire(timeout=_WAIT):
                return True
        return False
