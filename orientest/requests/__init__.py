"""A request for an intervention: read from its form row, its statuses, what e-mails say about it."""
