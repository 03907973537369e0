"""Reusable Qt parts: the job runner (and later the lazy record table model, filter bar...)."""
