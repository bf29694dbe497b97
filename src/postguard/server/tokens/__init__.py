"""API tokens for scripts and the proxy (``pgt_...``, stored only as sha256, scoped, revocable, expiring),
and the sign-in rate limit for people."""
