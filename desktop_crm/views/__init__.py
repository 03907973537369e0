"""Screens of the application; thin, over the Qt-free services."""
