"""One build: the Pelican generator, run into a fresh folder and switched in whole."""
