"""kit.rag"""
