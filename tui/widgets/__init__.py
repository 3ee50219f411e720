"""Widgets of the Counterpoint UI, one module each."""
