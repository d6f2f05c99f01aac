"""Cells that a spreadsheet program must read as text, never as a formula.

OWASP's rule for CSV injection: a cell that begins with = + - @, a tab or a carriage return is
prefixed with a single quote. Only text is touched: numbers and dates stay numbers and dates
(a negative number is not a formula). An import takes the quote off again, so an exported file
imports unchanged.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unescaped_cell(value):
    """The text safe_cell() was given (for imports of files the portal wrote)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
