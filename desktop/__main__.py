"""``python -m desktop`` behaves exactly like the ``amends`` command."""

from __future__ import annotations

from desktop.cli.main import main

raise SystemExit(main())
