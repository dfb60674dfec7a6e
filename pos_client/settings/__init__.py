"""The terminal's place on its machine: its configuration, its files and the
resources it ships."""
