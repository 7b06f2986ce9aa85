"""Writing shards in the released layout: Parquet with LMSYS_ARROW_SCHEMA, or JSON Lines (optionally
gzip-compressed) with the same field names. Output bytes depend only on the records and their
order (no timestamps: gzip members carry mtime 0 and no file name).
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from chatlake.generate.dirty import json_line
from chatlake.schema import LMSYS_ARROW_SCHEMA

ROWS_PER_CHUNK = 20_000  # rows per Parquet row group / per batch converted to JSON


def shard_name(index: int, n_shards: int, fmt: str, compress: bool) -> str:
    suffix = "parquet" if fmt == "parquet" else ("jsonl.gz" if compress else "jsonl")
    return f"train-{index:05d}-of-{n_shards:05d}.{suffix}"


class ShardWriter:
    """Appends tables (Parquet) or records (JSONL) to one shard file."""

    def __init__(self, path: Path, fmt: str, compress: bool) -> None:
        self.path = Path(path)
        self.fmt = fmt
        self._parquet: pq.ParquetWriter | None = None
        self._text: io.TextIOBase | None = None
        self._raw = None
        self._gz = None
        if fmt == "parquet":
            self._parquet = pq.ParquetWriter(str(self.path), LMSYS_ARROW_SCHEMA, compression="snappy")
        else:
            self._raw = open(self.path, "wb")
            sink = self._raw
            if compress:
                # Level 3: a quarter of level 6's time for 8% more bytes on this text.
                self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=3, mtime=0)
                sink = self._gz
            self._text = io.TextIOWrapper(sink, encoding="utf-8", newline="\n", write_through=False)

    def write(self, table: pa.Table, inserts: list[tuple[int, Any]]) -> int:
        """Write `table`'s rows with each (position, record) of `inserts` placed before row
        `position` (positions sorted, 0..len(table)). Returns the number of records written."""
        if self._parquet is not None:
            if inserts:
                extra = pa.Table.from_pylist([rec for _, rec in inserts], schema=LMSYS_ARROW_SCHEMA)
                combined = pa.concat_tables([table, extra])
                order = _merge_order(table.num_rows, [pos for pos, _ in inserts])
                table = combined.take(pa.array(order, type=pa.int64()))
            if table.num_rows:
                self._parquet.write_table(table, row_group_size=max(table.num_rows, 1))
            return table.num_rows
        lines = [json_line(rec) for rec in table.to_pylist()]
        if inserts:
            order = _merge_order(len(lines), [pos for pos, _ in inserts])
            pool = lines + [json_line(rec) for _, rec in inserts]
            lines = [pool[i] for i in order]
        assert self._text is not None
        if lines:
            self._text.write("\n".join(lines))
            self._text.write("\n")
        return len(lines)

    def write_lines(self, lines: Iterable[str]) -> None:
        assert self._text is not None
        for line in lines:
            self._text.write(line)
            self._text.write("\n")

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.flush()
            self._text.detach()
        if self._gz is not None:
            self._gz.close()
        if self._raw is not None:
            self._raw.close()

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _merge_order(n_rows: int, positions: list[int]) -> list[int]:
    """Indices into rows + inserted records (inserted ones numbered from n_rows) in output order."""
    order: list[int] = []
    row = 0
    for k, pos in enumerate(positions):
        order.extend(range(row, pos))
        row = max(row, pos)
        order.append(n_rows + k)
    order.extend(range(row, n_rows))
    return order


def split_inserts(inserts: list[tuple[int, Any]], start: int, stop: int, last: bool) -> list[tuple[int, Any]]:
    """The inserts that fall in rows [start, stop) (and, for the last chunk, at `stop`), rebased."""
    return [(pos - start, rec) for pos, rec in inserts if start <= pos < stop or (last and pos == stop)]


def _iter_existing(path: Path, fmt: str, compress: bool) -> Iterator[pa.Table | list[str]]:
    if fmt == "parquet":
        pf = pq.ParquetFile(str(path))
        for batch in pf.iter_batches(batch_size=ROWS_PER_CHUNK):
            yield pa.Table.from_batches([batch], schema=LMSYS_ARROW_SCHEMA)
    else:
        opener = gzip.open if compress else open
        with opener(path, "rt", encoding="utf-8", newline="\n") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for i in range(0, len(lines), ROWS_PER_CHUNK):
            yield lines[i : i + ROWS_PER_CHUNK]


def count_records(path: Path, fmt: str, compress: bool) -> int:
    if fmt == "parquet":
        return pq.ParquetFile(str(path)).metadata.num_rows
    return sum(len(chunk) for chunk in _iter_existing(path, fmt, compress))


def rewrite_with_inserts(path: Path, fmt: str, compress: bool, inserts: list[tuple[int, Any]]) -> int:
    """Rewrite a finished shard with extra records placed before the given record positions."""
    tmp = path.with_name(path.name + ".tmp")
    written = 0
    items = list(_iter_existing(path, fmt, compress))
    with ShardWriter(tmp, fmt, compress) as writer:
        start = 0
        for i, chunk in enumerate(items):
            size = chunk.num_rows if isinstance(chunk, pa.Table) else len(chunk)
            mine = split_inserts(inserts, start, start + size, i == len(items) - 1)
            if isinstance(chunk, pa.Table):
                written += writer.write(chunk, mine)
            else:
                order = _merge_order(size, [pos for pos, _ in mine])
                pool = chunk + [json_line(rec) for _, rec in mine]
                lines = [pool[j] for j in order]
                writer.write_lines(lines)
                written += len(lines)
            start += size
        if not items:
            if fmt == "parquet":
                written += writer.write(LMSYS_ARROW_SCHEMA.empty_table(), inserts)
            else:
                lines = [json_line(rec) for _, rec in inserts]
                writer.write_lines(lines)
                written += len(lines)
    os.replace(tmp, path)
    return written
