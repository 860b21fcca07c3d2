"""`python -m desktop_app`: see desktop_app.app.cli."""

import sys

from desktop_app.app.cli import main

sys.exit(main())
