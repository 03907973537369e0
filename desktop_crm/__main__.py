"""Allows `python -m desktop_crm`."""

from desktop_crm.cli import main

raise SystemExit(main())
