"""chatkit demo: the whole flow on the shipped shop corpus."""
