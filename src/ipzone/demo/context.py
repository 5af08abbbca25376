"""What every part of the generator shares: the seed's random streams, the scale, the references."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from ipzone.demo.identifiers import Serials
from ipzone.demo.refdata import References
from ipzone.demo.zone import Scale


@dataclass
class Context:
    seed: int
    scale: Scale
    refs: References
    serials: Serials = field(default_factory=Serials)

    def rng(self, *key: int | str) -> np.random.Generator:
        """An independent stream per key: the same key gives the same numbers in every run.

        Streams are keyed by what they generate (``"core", 2021, "invention", 0``), never by the order
        they are asked for, so a part can be generated twice (planned, then written) alike.
        """
        spawn = tuple(zlib.crc32(k.encode()) if isinstance(k, str) else int(k) for k in key)
        return np.random.default_rng(np.random.SeedSequence(self.seed, spawn_key=spawn))
