"""The orientest domain: rows and a clock in, decisions out. No I/O here."""
