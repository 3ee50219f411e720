"""Open databases on a real read-only mount, as root, and check nothing is written.

    sudo .venv/bin/python tests/check_read_only_mount.py

Needs root (it mounts a tmpfs and remounts it read-only), so it is not part of the
test run, which makes the same situation with a folder `nobody` may not write
(`test_os_faults.py`). Copies a current and a version-4 database onto the mount,
remounts it read-only, runs `counterpoint list` and `counterpoint note` on each,
and prints what they said; exits 1 if `list` fails, `note` does not refuse, or a
file changed.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
V4 = Path(__file__).resolve().parent / "fixtures" / "schema-v4.sqlite"


def run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(COUNTERPOINT), *argv], capture_output=True, text=True)


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as work:
        mount = Path(work) / "ro"
        mount.mkdir()
        current = Path(work) / "current.db"
        assert run("seed", "--db", str(current)).returncode == 0
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], check=True)
        try:
            shutil.copy(current, mount / "current.db")
            shutil.copy(V4, mount / "v4.db")
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
            for name in ("current.db", "v4.db"):
                db = mount / name
                digest = hashlib.sha256(db.read_bytes()).hexdigest()
                listed = run("list", "--db", str(db))
                noted = run("note", "--db", str(db), "pk-denies-attack", "mine")
                same = hashlib.sha256(db.read_bytes()).hexdigest() == digest
                print(f"{name}: list exit {listed.returncode}: {listed.stderr.strip()}")
                print(f"{name}: note exit {noted.returncode}: {noted.stderr.strip()}")
                print(f"{name}: byte-identical: {same}")
                failed |= listed.returncode != 0 or noted.returncode != 1 or not same
        finally:
            subprocess.run(["umount", str(mount)], check=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
