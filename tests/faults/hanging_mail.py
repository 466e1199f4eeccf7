"""An email backend that hangs in the middle of sending, for a worker to be killed there."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        Path(os.environ["HANGING_MAIL_MARKER"]).write_text("\n".join(m.to[0] for m in email_messages))
        time.sleep(600)  # killed before this returns
        return len(email_messages)
