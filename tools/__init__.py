"""Developer and build tooling that runs before the project's venv has any packages (stdlib only)."""
