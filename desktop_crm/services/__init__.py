"""Use cases over the data layer, free of Qt: one module per capability."""
