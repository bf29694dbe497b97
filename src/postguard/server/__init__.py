"""The governance service: a Django project inside the package (``pip install 'postguard[server]'``).

The registry of people, departments, accounts and the records that lift findings (consents, written
permissions, authorisations, licences), and a tamper-evident audit log. Nothing here is imported by the
library or by ``postguard check``; Django loads only when a ``serve``, ``db`` or ``log`` command runs.
Settings come from the environment once (:mod:`postguard.server.settings`); :func:`postguard.server.app.
configure` installs them.
"""
