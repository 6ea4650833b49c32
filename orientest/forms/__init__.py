"""The forms: their questions and options, the registry of published forms, and reading an answer field by field."""
