"""Auditing what an account published: importing its platform's archive (``postguard audit import``).

``import_archive(path)`` streams :class:`ImportedItem` and :class:`ImportProblem`; ``to_post(item)`` makes
the :class:`~postguard.types.Post` to check.
"""

from postguard.audit.archive import Limits
from postguard.audit.importing import ArchiveImport, import_archive, to_post
from postguard.audit.model import ImportedItem, ImportProblem, Kind

__all__ = ["ArchiveImport", "ImportProblem", "ImportedItem", "Kind", "Limits", "import_archive", "to_post"]
