"""Old home of the audit and the outlook, kept for one release: use :mod:`tipranking.analysis.audit`,
:mod:`tipranking.analysis.outlook` and :mod:`tipranking.analysis.access`."""

from tipranking.analysis.access import Access, WatchListAccess, watch_list_access
from tipranking.analysis.audit import AuditEvent, AuditEventKind, AuditReport, audit
from tipranking.analysis.outlook import Exclusion, Latest, Outlook, ReadingNote, Undetermined, outlook

__all__ = [
    "Access",
    "AuditEvent",
    "AuditEventKind",
    "AuditReport",
    "Exclusion",
    "Latest",
    "Outlook",
    "ReadingNote",
    "Undetermined",
    "WatchListAccess",
    "audit",
    "outlook",
    "watch_list_access",
]
