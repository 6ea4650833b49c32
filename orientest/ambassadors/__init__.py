"""An ambassador: read from their signup row, their statuses, the charter they accept."""
