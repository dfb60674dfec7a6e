"""ESC/POS bytes back into what the paper would show: one image per job.

Used by the tests (what would be printed?) and by the demo's on-screen preview of the
file printer. It understands what ``printer.encode_job`` sends (``ESC @``, ``GS v 0``
raster images, ``ESC d`` feeds, ``GS V`` cuts, ``ESC p`` drawer kicks, ``DLE EOT``
status requests) plus ``GS ( L`` graphics, and what the compact encoding adds: ``ESC J``
feeds in dots (``GS P`` motion units are taken as one dot), and the ``GS L`` left margin
at which each image is placed; other bytes are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

_INVERT = bytes(255 - value for value in range(256))
FEED_DOTS = 30  # one text line of feed, as drawn on the preview


class DecodeError(ValueError):
    """The bytes end in the middle of a command."""


@dataclass
class DecodedJob:
    """One job (up to a cut): its picture, and what else the printer was told to do."""

    image: Image.Image
    cut: bool = False
    drawer_kicks: int = 0
    status_requests: int = 0


@dataclass
class _Job:
    parts: list[tuple[int, Image.Image]] = field(default_factory=list)  # (left, image)
    cut: bool = False
    drawer_kicks: int = 0
    status_requests: int = 0
    feed: int = 0  # line feeds (ESC d, LF), drawn between images only
    dot_feed: int = 0  # exact feeds in dots (ESC J): paper, also before the cut
    left_margin: int = 0

    def add_image(self, image: Image.Image) -> None:
        self._flush_feed()
        self.parts.append((self.left_margin, image))

    def _flush_feed(self) -> None:
        blank = self.dot_feed + (self.feed if self.parts else 0)
        if blank:
            self.parts.append((0, Image.new("1", (1, blank), 1)))
        self.feed = self.dot_feed = 0

    def empty(self) -> bool:
        return not self.parts and not self.drawer_kicks

    def finish(self, paper_width: int = 0) -> DecodedJob:
        if self.dot_feed:
            self.parts.append((0, Image.new("1", (1, self.dot_feed), 1)))
        width = max((left + part.width for left, part in self.parts), default=paper_width)
        width = max(width, paper_width)
        height = sum(part.height for _, part in self.parts)
        canvas = Image.new("1", (width, height), 1)
        y = 0
        for left, part in self.parts:
            canvas.paste(part, (left, y))
            y += part.height
        return DecodedJob(canvas, self.cut, self.drawer_kicks, self.status_requests)


def _raster(data: bytes, width_bytes: int, height: int) -> Image.Image:
    """ESC/POS raster (1 = black) as a PIL "1" image (1 = white)."""
    return Image.frombytes("1", (width_bytes * 8, height), data.translate(_INVERT))


def _need(data: bytes, end: int) -> None:
    if end > len(data):
        raise DecodeError(f"truncated command: needs {end} bytes, got {len(data)}")


def decode_jobs(data: bytes, paper_width: int = 0) -> list[DecodedJob]:
    """Every job in ``data``; a job ends at a cut (the last one may have no cut). Each
    picture is at least ``paper_width`` dots wide, else as wide as its widest image."""
    jobs: list[DecodedJob] = []
    job = _Job()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == 0x1D and data[i + 1:i + 3] == b"v0":  # GS v 0 m xL xH yL yH d...
            _need(data, i + 8)
            width_bytes = data[i + 4] | data[i + 5] << 8
            height = data[i + 6] | data[i + 7] << 8
            end = i + 8 + width_bytes * height
            _need(data, end)
            job.add_image(_raster(data[i + 8:end], width_bytes, height))
            i = end
        elif byte == 0x1D and data[i + 1:i + 3] == b"(L":  # GS ( L pL pH m fn ...
            _need(data, i + 5)
            size = data[i + 3] | data[i + 4] << 8
            end = i + 5 + size
            _need(data, end)
            body = data[i + 5:end]
            if body[:2] == b"0p" and len(body) >= 10:
                width = body[6] | body[7] << 8
                height = body[8] | body[9] << 8
                job.add_image(_raster(body[10:], (width + 7) // 8, height))
            i = end
        elif byte == 0x1D and data[i + 1:i + 2] == b"V":  # GS V m [n]
            _need(data, i + 3)
            i += 4 if data[i + 2] in (65, 66) else 3
            job.cut = True
            jobs.append(job.finish(paper_width))
            job = _Job()
        elif byte == 0x1B and data[i + 1:i + 2] == b"p":  # ESC p m t1 t2
            _need(data, i + 5)
            job.drawer_kicks += 1
            i += 5
        elif byte == 0x1B and data[i + 1:i + 2] == b"d":  # ESC d n: print and feed n lines
            _need(data, i + 3)
            job.feed += data[i + 2] * FEED_DOTS
            i += 3
        elif byte == 0x1B and data[i + 1:i + 2] == b"J":  # ESC J n: feed n dots
            _need(data, i + 3)
            job.dot_feed += data[i + 2]
            i += 3
        elif byte == 0x1D and data[i + 1:i + 2] == b"L":  # GS L nL nH: left margin
            _need(data, i + 4)
            job.left_margin = data[i + 2] | data[i + 3] << 8
            i += 4
        elif byte == 0x1D and data[i + 1:i + 2] == b"P":  # GS P x y: motion units
            _need(data, i + 4)
            i += 4
        elif byte == 0x1B and data[i + 1:i + 2] == b"@":
            job.left_margin = 0
            i += 2
        elif byte == 0x10 and data[i + 1:i + 2] == b"\x04":  # DLE EOT n
            job.status_requests += 1
            i += 3
        elif byte == 0x0A:
            job.feed += FEED_DOTS
            i += 1
        else:
            i += 1
    if not job.empty():
        jobs.append(job.finish(paper_width))
    return jobs


def decode_images(data: bytes, paper_width: int = 0) -> list[Image.Image]:
    """The picture of every job in ``data``, in order."""
    return [job.image for job in decode_jobs(data, paper_width)]
