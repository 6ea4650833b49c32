"""The network's own events (`Rencontres`): the record of each, as staff typed it and as registrations left it."""
