"""kit.train"""
