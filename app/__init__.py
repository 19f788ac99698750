"""jobmatch: employment service for public employment offices."""
