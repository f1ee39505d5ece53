"""kit.generate"""
