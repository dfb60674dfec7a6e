"""Whether a secret file (the terminal token) can be read by other accounts on this PC.

POSIX: the mode's "others" bits. Windows has no such bits (``st_mode`` only mirrors the
read-only attribute, so every file looks world-readable there): the file's access control
list is read with pywin32 instead, and a grant of read to Everyone, Authenticated Users,
Users or Guests counts as readable by others. Without pywin32 the answer is ``None``:
the caller says plainly that it could not check.
"""

from __future__ import annotations

import logging
import stat
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# Everyone, Authenticated Users, BUILTIN\Users, BUILTIN\Guests.
BROAD_SIDS = ("S-1-1-0", "S-1-5-11", "S-1-5-32-545", "S-1-5-32-546")


def others_can_read(path: Path, platform: str | None = None) -> bool | None:
    """True if others may read or write ``path``, False if not, None if it cannot be told."""
    if (platform or sys.platform) == "win32":
        return _windows_others_can_read(path)
    return bool(path.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH))


def _windows_others_can_read(path: Path) -> bool | None:
    try:
        import ntsecuritycon
        import win32security
    except ImportError:
        return None
    path.stat()  # a missing file is an OSError like on POSIX
    descriptor = win32security.GetFileSecurity(
        str(path), win32security.DACL_SECURITY_INFORMATION)
    dacl = descriptor.GetSecurityDescriptorDacl()
    if dacl is None:  # a NULL DACL grants everyone everything
        return True
    broad = [win32security.ConvertStringSidToSid(sid) for sid in BROAD_SIDS]
    reading = (ntsecuritycon.FILE_READ_DATA | ntsecuritycon.GENERIC_READ
               | ntsecuritycon.GENERIC_ALL | ntsecuritycon.FILE_WRITE_DATA)
    for index in range(dacl.GetAceCount()):
        (ace_type, _flags), mask, sid = dacl.GetAce(index)[:3]
        if ace_type == win32security.ACCESS_ALLOWED_ACE_TYPE and mask & reading \
                and any(sid == other for other in broad):
            return True
    return False


def warn_unchecked(path: Path) -> None:
    log.warning("فایل توکن %s بررسی نشد: روی این سامانه دسترسی دیگران قابل بررسی نیست "
                "(pywin32 نصب نیست). / central.token_file %s: cannot check on this system "
                "whether others can read it (pywin32 is not installed); make sure only this "
                "Windows account can read it.", path, path)
