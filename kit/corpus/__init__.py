"""kit.corpus"""
