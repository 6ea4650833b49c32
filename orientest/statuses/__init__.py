"""Statuses of requests, ambassadors and proposals, and the lifecycles that move them: the lowest layer."""
