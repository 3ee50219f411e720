"""What starting the app imports: validation (pydantic) and sqlite-utils load only when
something is imported or migrated, so they add nothing to the first screen."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_app_imports_neither_pydantic_nor_sqlite_utils():
    code = (
        "import sys, tui.app, tui.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'sqlite_utils'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_store_and_the_seed_load_no_user_interface():
    """What the import contracts in pyproject.toml say, seen at run time: using the store
    and the seed (a migration, a seed, a search, an export) loads no screen library and
    none of `tui`. (click is not in the list: sqlite-utils, which the migrations use,
    imports it for a command line of its own.)"""
    code = (
        "import sys, tempfile, os, store, seed, store.export, store.importer; "
        "from store import Store, Filter; "
        "path = os.path.join(tempfile.mkdtemp(), 'x.db'); "
        "s = Store.open(path, create=True); seed.seed(s); "
        "store.export.render_export(s, Filter(text='summary:treaty'), 'md'); s.close(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'textual', 'rich', 'tui'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
