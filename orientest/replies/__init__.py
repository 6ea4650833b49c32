"""Answers by e-mail: a reply to a proposal read, trusted or not, and turned into the answer the form would give."""
