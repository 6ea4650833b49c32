"""The five forms, question by question, and where each one lives once published."""
