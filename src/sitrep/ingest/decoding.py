"""Compressed body bytes -> the document bytes, in small steps, so a bomb cannot fill memory.

Input: the Content-Encoding a server sent ("gzip", "deflate", "br", "gzip, br",
"identity" or none) and the body as it arrives, chunk by chunk. Output: the decoded
bytes, handed out at most ``DECODE_STEP`` at a time, however much one compressed chunk
expands to. The caller counts what comes out and stops when its own cap is passed, so a
compression bomb costs at most that cap plus one step. A body Sitrep cannot decode
raises ``DecodeError`` (a ``ValueError``) with a plain reason.

    >>> import gzip
    >>> decoder = ContentDecoder("gzip")
    >>> pieces = [*decoder.feed(gzip.compress(b"Two rockets hit the base.")), *decoder.finish()]
    >>> b"".join(pieces)
    b'Two rockets hit the base.'

``sitrep.ingest.fetch`` feeds every chunk of a page through one ``ContentDecoder``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, Protocol

__all__ = ["DECODE_STEP", "ContentDecoder", "DecodeError"]

# Decoders hand out at most this much at a time, whatever one compressed chunk expands to.
DECODE_STEP = 64 * 1024


class DecodeError(ValueError):
    """The body is not valid data of its Content-Encoding, or in one Sitrep cannot decode."""


class ContentDecoder:
    """Undoes a Content-Encoding such as "gzip" or "gzip, br" (stacked: last one first)."""

    def __init__(self, content_encoding: str) -> None:
        self._steps = _decoders(content_encoding)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes that ``data`` (the next chunk of the body) completes."""
        return _run(self._steps, data)

    def finish(self) -> Iterator[bytes]:
        """The last decoded bytes, once the body has ended; raises if it ended too soon."""
        return _run(self._steps, b"", finish=True)


class _Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...
    def finish(self) -> Iterator[bytes]: ...


class _ZlibDecoder:
    """gzip or deflate; each step yields at most DECODE_STEP bytes."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._gzip = encoding in ("gzip", "x-gzip")
        self._head = b""  # deflate: the first bytes, until we know zlib-wrapped or raw
        self._inflater: Any = zlib.decompressobj(16 + zlib.MAX_WBITS) if self._gzip else None

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._inflater is None:
            self._head += data
            if len(self._head) < 2:
                return
            # "deflate" should be zlib-wrapped, but some servers send raw deflate.
            b0, b1 = self._head[0], self._head[1]
            wrapped = b0 & 0x0F == 8 and (b0 * 256 + b1) % 31 == 0
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._head = self._head, b""
        yield from self._inflate(data)

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        try:
            while True:
                if self._inflater.eof:  # a gzip body may hold several members
                    data = self._inflater.unused_data + data
                    if not self._gzip or not data.strip(b"\0"):
                        return
                    self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                if not data:
                    return
                out = self._inflater.decompress(data, DECODE_STEP)
                if out:
                    yield out
                data = self._inflater.unconsumed_tail
                while len(out) == DECODE_STEP and not data and not self._inflater.eof:
                    out = self._inflater.decompress(b"", DECODE_STEP)  # output still pending
                    if out:
                        yield out
                    data = self._inflater.unconsumed_tail
        except zlib.error as exc:
            raise DecodeError(f"not valid {self._encoding} data ({exc})") from exc

    def finish(self) -> Iterator[bytes]:
        if self._inflater is None and self._head:
            raise DecodeError(f"not valid {self._encoding} data (too short)")
        return iter(())


class _BrotliDecoder:
    def __init__(self) -> None:
        import brotli

        self._brotli = brotli
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._decompressor.process(data, output_buffer_limit=DECODE_STEP)
            if out:
                yield out
            while out and not self._decompressor.can_accept_more_data():
                out = self._decompressor.process(b"", output_buffer_limit=DECODE_STEP)
                if out:
                    yield out
        except self._brotli.error as exc:
            raise DecodeError(f"not valid br data ({exc})") from exc

    def finish(self) -> Iterator[bytes]:
        return iter(())


def _decoders(content_encoding: str) -> list[_Decoder]:
    """The decoders to apply, in order, for a Content-Encoding such as "gzip" or "gzip, br"."""
    decoders: list[_Decoder] = []
    for name in reversed([p.strip().lower() for p in content_encoding.split(",") if p.strip()]):
        if name in ("gzip", "x-gzip", "deflate"):
            decoders.append(_ZlibDecoder(name))
        elif name == "br":
            decoders.append(_BrotliDecoder())
        elif name != "identity":
            raise DecodeError(f"encoded as {name!r}, which Sitrep cannot decode")
    return decoders


def _run(decoders: list[_Decoder], data: bytes, finish: bool = False) -> Iterator[bytes]:
    if not decoders:
        if data:
            yield data
        return
    first, rest = decoders[0], decoders[1:]
    for piece in first.feed(data):
        yield from _run(rest, piece)
    if finish:
        for piece in first.finish():
            yield from _run(rest, piece)
        yield from _run(rest, b"", finish=True)
