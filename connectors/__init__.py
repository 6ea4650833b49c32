"""The outside world behind small protocols: workbooks, mail, settings."""
