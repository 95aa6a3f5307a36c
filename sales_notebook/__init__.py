"""Sales Notebook: a desktop notebook for live sales calls and the lessons from failed ones."""

APP_ID = "sales-notebook"
APP_NAME = "Sales Notebook"
__version__ = "0.1.0"
