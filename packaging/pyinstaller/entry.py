"""The frozen program's entry point: the same ``callpanel`` command as the console script."""

from callpanel.cli import main

raise SystemExit(main())
