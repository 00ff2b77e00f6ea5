"""Running pandoc: found in the ``pypandoc_binary`` wheel (or ``$TRANSCITE_PANDOC``, or on
``PATH``), given one request file, stopped after a timeout.

pandoc runs as ``pandoc -f markdown -t citeproc.lua -M transcite-request=FILE`` with an empty
input: the Lua writer beside this module reads the request (the styles, the CSL-JSON items, the
citations) and renders every job with pandoc's citeproc in that one process. Nothing is read
from or sent to the network: styles and items are local files transcite wrote, and pandoc's
locales are built in.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from transcite.core.errors import DataError, TransciteError, UsageError

#: environment variables: the pandoc program to run, and the seconds it may take
ENV_PANDOC = "TRANSCITE_PANDOC"
ENV_TIMEOUT = "TRANSCITE_PANDOC_TIMEOUT"
WRITER = Path(__file__).with_name("citeproc.lua")


class PandocError(TransciteError):
    """pandoc failed or took too long (exit 3: the style or the data it was given)."""

    exit_code = DataError.exit_code


def pandoc_path() -> str:
    """The pandoc to run: ``$TRANSCITE_PANDOC``, the ``pypandoc_binary`` wheel's, or ``PATH``'s."""
    from transcite.cite.csl.styles import INSTALL_HINT

    chosen = os.environ.get(ENV_PANDOC)
    if chosen:
        if not os.access(chosen, os.X_OK):
            raise UsageError(f"${ENV_PANDOC}={chosen}: not an executable program")
        return chosen
    found = bundled_pandoc() or shutil.which("pandoc")
    if found:
        return found
    raise UsageError(f"--csl needs pandoc: {INSTALL_HINT}")


def bundled_pandoc() -> str | None:
    """The pandoc of the ``pypandoc_binary`` wheel (found without importing pypandoc)."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        return None
    bundled = Path(next(iter(spec.submodule_search_locations))) / "files" / "pandoc"
    return str(bundled) if os.access(bundled, os.X_OK) else None


def timeout(citations: int) -> float:
    """Seconds pandoc may run: ``$TRANSCITE_PANDOC_TIMEOUT``, or 30 s plus 0.1 s a citation
    or reference entry."""
    value = os.environ.get(ENV_TIMEOUT)
    if value:
        try:
            seconds = float(value)
        except ValueError:
            raise UsageError(f"${ENV_TIMEOUT}={value}: not a number of seconds") from None
        if seconds > 0:
            return seconds
        raise UsageError(f"${ENV_TIMEOUT}={value}: must be more than 0")
    return 30.0 + 0.1 * citations


def run_writer(request: Path, citations: int) -> dict[str, Any]:
    """Run the Lua writer on ``request`` (``citations``: how many citations and entries it
    asks for, which sets the time limit) and return its JSON answer."""
    program = pandoc_path()
    seconds = timeout(citations)
    command = [program, "--from", "markdown", "--to", str(WRITER), "--wrap=none",
               "--metadata", f"transcite-request={request}"]
    try:
        done = subprocess.run(
            command, input=b"", capture_output=True, timeout=seconds, check=False,
            cwd=request.parent,
        )
    except subprocess.TimeoutExpired:
        raise PandocError(f"pandoc took longer than {seconds:g} s and was stopped "
                          f"(${ENV_TIMEOUT} sets the limit)") from None
    except OSError as exc:
        raise UsageError(f"cannot run pandoc ({program}): {exc.strerror}") from None
    if done.returncode != 0:
        raise PandocError(f"pandoc failed: {_first_line(done.stderr)}")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise PandocError("pandoc gave no readable answer: "
                          f"{_first_line(done.stdout or done.stderr)}") from None
    if not isinstance(answer, dict):
        raise PandocError("pandoc gave no readable answer")
    return answer


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:300]
    return "no message"
