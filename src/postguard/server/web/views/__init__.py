"""The web app's views: each reads through selectors (which apply who may see what) and changes things
through services (which check permission and write the audit log); none holds business logic."""
