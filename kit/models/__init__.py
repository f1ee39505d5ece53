"""kit.models"""
