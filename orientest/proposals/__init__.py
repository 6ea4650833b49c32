"""Proposals: one ambassador asked for one request, their states, rebuilt from the journal."""
