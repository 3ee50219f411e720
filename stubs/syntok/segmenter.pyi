# The part of syntok 1.4 that store/sentences.py uses; syntok ships no type hints.
from collections.abc import Iterator

from syntok.tokenizer import Token

def analyze(
    document: str, bracket_skip_len: int | None = None
) -> Iterator[Iterator[list[Token]]]: ...
