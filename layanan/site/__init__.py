"""The whole site: checks between files, then the index of what gets published, defaults and links resolved."""
