"""Misuse reports and what HR does about them: an incident (``IN-n``) with its evidence snapshot, routed
to the HR Business Partners of the reported person's department, or of its division when it has none
(G30); notes, closing, and withdrawing access to named sites for a person or a department for a period
(``AW-n``, G31, G53), exported for the University's proxy as a Squid ACL file or a plain domain list."""
