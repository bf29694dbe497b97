"""Photos: safe loading (every format users post from phones and cameras, and every way a file can be
broken or hostile), and the operations fixes apply to them. Photo analyzers live in
:mod:`postguard.analyzers`; nothing here decides policy."""
