"""`import datesync.pandas` registers the `.datesync` accessors on pandas objects."""

from datesync.accessor import AuditFrames, DatesyncFrame, DatesyncSeries

__all__ = ["AuditFrames", "DatesyncFrame", "DatesyncSeries"]
