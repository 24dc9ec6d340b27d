"""Fixtures shared by several test modules (plain helpers are in ``helpers.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AP_WIRE, write


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    """The short AP wire story, written to ``tmp_path / "wire.txt"``."""
    return write(tmp_path / "wire.txt", AP_WIRE)
