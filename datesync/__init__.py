"""datesync: find, resolve and reconcile dates in Persian, Arabic and English news reports."""

import sys as _sys

from datesync.api import Audit, Auditor, analyze, audit, extract
from datesync.errors import DatesyncError, InputError, InvalidDate, OutOfRange
from datesync.model import (
    Calendar,
    Document,
    DocumentDates,
    Finding,
    Form,
    Kind,
    Mention,
    Reference,
    Resolution,
    Severity,
)

__version__ = "0.1.0"

if "pandas" in _sys.modules:  # register df.datesync now; otherwise `import datesync.pandas` does it
    from datesync import accessor as _accessor  # noqa: F401

__all__ = [
    "Audit",
    "Auditor",
    "Calendar",
    "DatesyncError",
    "Document",
    "DocumentDates",
    "Finding",
    "Form",
    "InputError",
    "InvalidDate",
    "Kind",
    "Mention",
    "OutOfRange",
    "Reference",
    "Resolution",
    "Severity",
    "__version__",
    "analyze",
    "audit",
    "extract",
]
