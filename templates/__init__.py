"""The built-in Jinja templates and stylesheet, shipped as package data."""
