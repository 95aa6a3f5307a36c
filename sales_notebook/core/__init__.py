"""Pure logic: no Qt, no database sessions."""
