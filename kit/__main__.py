"""`python -m kit` is the `chatkit` command."""

from kit.cli import main

main()
