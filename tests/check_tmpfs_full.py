"""Fill a real 1 MiB tmpfs with an import and check that nothing changed.

    sudo .venv/bin/python tests/check_tmpfs_full.py

Needs root (it mounts a tmpfs), so it is not part of the test run, which fills
the disk with RLIMIT_FSIZE instead (`test_os_faults.py`). Prints the exit
status and message of the failed import, whether the database file is
byte-identical, whether its content is the same, and SQLite's integrity check;
exits 1 if any of these is wrong.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_os_faults import COUNTERPOINT, bulk_file, dump
from test_os_faults import integrity as checked_integrity


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        mount = Path(work) / "tmpfs"
        mount.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
        try:
            db = mount / "team.db"
            subprocess.run([str(COUNTERPOINT), "seed", "--db", str(db)], check=True)
            bulk = bulk_file(Path(work), 2000)
            before, digest = dump(db), hashlib.sha256(db.read_bytes()).hexdigest()
            result = subprocess.run(
                [str(COUNTERPOINT), "import", "--db", str(db), str(bulk)],
                capture_output=True,
                text=True,
            )
            same_file = hashlib.sha256(db.read_bytes()).hexdigest() == digest
            same_content = dump(db) == before
            integrity = checked_integrity(db)
        finally:
            subprocess.run(["umount", str(mount)], check=True)
    print(f"exit {result.returncode}: {result.stderr.strip()}")
    print(
        f"file byte-identical: {same_file}; content the same: {same_content}; "
        f"integrity_check: {integrity}"
    )
    good = (
        result.returncode == 1
        and result.stderr.count("\n") == 1
        and same_file
        and same_content
        and integrity == "ok"
    )
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
