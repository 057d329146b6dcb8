class OutputsError(Exception):
    """A problem the user can fix (missing output, bad file, no credentials); printed as one line."""
