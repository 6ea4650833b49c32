"""The shared core: the workbook schema, what a run decides (the plan), form fields, French dates and words,
signed tokens, the journal and its events, the e-mail factory, status transitions."""
