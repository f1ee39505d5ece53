"""One module per fictional company; each defines COMPANY."""
