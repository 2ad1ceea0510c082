"""`python -m ui` is `takt` (and the entry point of the frozen build)."""

import sys

from ui.cli import main

if __name__ == "__main__":
    sys.exit(main())
