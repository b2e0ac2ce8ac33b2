from callpanel.cli import main

raise SystemExit(main())
