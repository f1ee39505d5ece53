"""kit.compare"""
