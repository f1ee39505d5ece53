"""The chat: a session (history, RAG, /compare, /save), its backend, and the terminal."""
