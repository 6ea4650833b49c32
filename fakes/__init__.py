"""Local stand-ins for what orientest talks to (Google Sheets and Forms with their OAuth, an SMTP relay),
checked against Google's discovery documents: shared by the tests and the benchmarks."""
