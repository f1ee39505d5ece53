"""tiny-es: the tiny offline Spanish base chatkit builds itself (build, data, train, probes, check)."""
