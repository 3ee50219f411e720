"""`python -m tui`: the `counterpoint` command by the interpreter it is installed in.
`counterpoint serve` starts each browser session so, which needs no `counterpoint`
script on the server's PATH and can never pick up another installation's."""

from .cli import main

if __name__ == "__main__":  # not when a test imports every module of tui/
    raise SystemExit(main())
