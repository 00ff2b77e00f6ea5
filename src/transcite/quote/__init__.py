"""quote"""
