"""`python -m contradictions` runs the command line."""

import sys

from contradictions.cli.main import main

sys.exit(main())
