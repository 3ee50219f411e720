"""Screens and modal views of the Counterpoint UI, one module each."""
