"""`python -m desktop_app`: see desktop_app.cli."""

import sys

from desktop_app.cli import main

sys.exit(main())
