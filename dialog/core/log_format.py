"""One JSON object per log line (``LOG_FORMAT=json``), for the city's log collection."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for key in ("status_code", "task_id", "report_id", "user_id"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RefusedRequestFilter(logging.Filter):
    """A refused request (4xx) is one line: what was refused, without the traceback of the
    ``PermissionDenied`` or ``Http404`` that refused it. Server errors keep theirs."""

    def filter(self, record):
        if record.name.startswith("django.") and getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
