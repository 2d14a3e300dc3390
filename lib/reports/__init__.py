"""Report exports (Excel) in the official Vietnamese administrative layout."""
