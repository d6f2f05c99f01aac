"""The source documents as the tests read them: independently of the portal's parser."""

from pathlib import Path

from django.conf import settings

SEED_DIR = Path(settings.CONTENT_DIR) / "seeds"
SHARED_SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
LEITLINIEN_FILE = "001_8e0c274e21589b6e.txt"


def leitlinien_statements():
    """{field number: [statement, …]} read line by line from the Leitlinien seed.

    Deliberately simple: each non-empty line under "Handlungsfeld N" is one statement,
    with its "- " bullet removed.
    """
    statements, current = {}, None
    for line in (SEED_DIR / LEITLINIEN_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("Handlungsfeld ") and line[14:15].isdigit():
            current = int(line.split()[1])
            statements[current] = []
        elif current and line.strip():
            statements[current].append(line[2:] if line.startswith("- ") else line)
    return statements
