"""The registry: people, departments and divisions, accounts, and the records that lift findings
(consents, written permissions, authorisations, licences). It is a :class:`postguard.records.RecordSource`
for the library (:mod:`postguard.server.registry.records`)."""
