"""Every change to the registry: one function each, in one transaction that checks permission, changes
the rows and appends the audit-log entry (so no path changes the registry without a trace).

Views, API routes, the admin and the CLI call these; none writes a model directly. A rule of the
registry that a change would break is a :class:`GovernanceError` with its code, raised before anything
is written.
"""

from postguard.server.registry.services.accounts import (
    account_create,
    account_set_admins,
    account_set_standing_permissions,
    account_update_security,
)
from postguard.server.registry.services.organisation import (
    administrator_create,
    department_create,
    division_create,
    hr_business_partners_set,
    person_create,
    person_erase,
    person_set_kind,
)
from postguard.server.registry.services.records import (
    authorisation_grant,
    consent_record,
    licence_record,
    record_revoke,
    written_permission_grant,
)

__all__ = [
    "account_create", "account_set_admins", "account_set_standing_permissions", "account_update_security",
    "administrator_create", "department_create", "division_create", "hr_business_partners_set", "person_create",
    "person_erase", "person_set_kind", "authorisation_grant", "consent_record", "licence_record", "record_revoke",
    "written_permission_grant",
]  # fmt: skip
