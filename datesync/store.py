"""Event mentions kept for reconciliation: in memory, spilling to sharded temp files past a limit.

Reconciliation needs one bucket (one set of participants) at a time, and every bucket falls in one
shard, so a run over millions of reports holds one shard in memory, never the whole corpus.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import weakref
import zlib
from collections.abc import Iterable, Iterator

from datesync.model import EventMention
from datesync.reconcile import bucket_key

SPILL_AFTER = 25_000  # event mentions held in memory (~2 KB each) before they go to disk
SHARDS = 64


class EventStore:
    def __init__(self, spill_after: int = SPILL_AFTER, shards: int = SHARDS):
        self.spill_after, self.shards = spill_after, shards
        self.memory: list[EventMention] = []
        self.folder: str | None = None
        self._files: list = []
        self._cleanup: weakref.finalize | None = None

    def add(self, items: Iterable[EventMention]) -> None:
        self.memory.extend(items)
        if len(self.memory) >= self.spill_after:
            self._spill()

    def _spill(self) -> None:
        if self.folder is None:
            self.folder = tempfile.mkdtemp(prefix="datesync-events-")
            self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, True)
            self._files = [
                open(os.path.join(self.folder, f"{i:03d}.pickle"), "ab") for i in range(self.shards)
            ]
        for em in self.memory:
            shard = zlib.crc32(bucket_key(em).encode("utf-8")) % self.shards
            pickle.dump(em, self._files[shard], protocol=pickle.HIGHEST_PROTOCOL)
        self.memory.clear()

    def parts(self) -> Iterator[list[EventMention]]:
        """Every event mention, one shard at a time (all in one part when nothing was spilled)."""
        if self.folder is None:
            yield self.memory
            return
        self._spill()
        for handle in self._files:
            handle.close()
        for i in range(self.shards):
            part: list[EventMention] = []
            with open(os.path.join(self.folder, f"{i:03d}.pickle"), "rb") as handle:
                while True:
                    try:
                        part.append(pickle.load(handle))
                    except EOFError:
                        break
            yield part

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        if self._cleanup is not None:
            self._cleanup()
