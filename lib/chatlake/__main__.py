"""`python -m chatlake ...`, the same as the `chatlake` command."""

import sys

from chatlake.cli import main

sys.exit(main())
