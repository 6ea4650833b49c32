"""The shared core: the workbook schema, what a run decides (the plan), the journal and its events, French dates and
words, signed tokens, the e-mail factory, the school days. Below it only `statuses`."""
