"""One router per area; :data:`postguard.server.api.main.ROUTERS` mounts them."""
