"""``python -m briefgen.cli``: the ``briefgen`` command."""

import sys

from briefgen.cli.main import main

sys.exit(main())
