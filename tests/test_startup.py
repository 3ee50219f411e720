"""What starting the app imports: validation (pydantic) and sqlite-utils load only when
something is imported or migrated, so they add nothing to the first screen."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_app_imports_neither_pydantic_nor_sqlite_utils():
    code = ("import sys, tui.app, tui.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'sqlite_utils'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
