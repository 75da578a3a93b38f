"""``python -m rightsgraph``: the ``rightsgraph`` command, for an environment without the script on PATH."""

from .cli import main

main()
