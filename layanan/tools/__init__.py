"""What the commands do besides building: serve, publish releases, new files, new sites."""
