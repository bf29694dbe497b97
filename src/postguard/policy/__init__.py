"""Policy packs: the University's base pack and department packs layered on it (G15, G52)."""
