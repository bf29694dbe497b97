"""Archive audits stored in the registry (``postguard audit run --store``): each run, its counts and the
findings of each post, readable by the owners of the registry account it audited, the communications
office and administrators."""
