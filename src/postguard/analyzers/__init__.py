"""Analyzers detect and score what is in a post. They know nothing of policy."""
