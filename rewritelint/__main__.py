"""``python -m rewritelint`` runs the command line."""

from rewritelint.cli import main

raise SystemExit(main())
