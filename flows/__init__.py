"""Prefect flows: read the workbook once, ask the domain, apply its plan."""
