"""Offline stand-in for the deployed backend: moto + an AppSync stand-in that calls backend.runtime in-process."""
