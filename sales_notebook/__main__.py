"""`python -m sales_notebook`: the same entry point as the `sales-notebook` command."""

import sys

from sales_notebook.cli import main

sys.exit(main())
