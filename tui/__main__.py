"""`python -m tui`: the `counterpoint` command by the interpreter it is installed in.
`counterpoint serve` starts each browser session so, which needs no `counterpoint`
script on the server's PATH and can never pick up another installation's."""

from .cli import main

raise SystemExit(main())
