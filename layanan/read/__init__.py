"""Files under content/ to checked records: what may be read, front matter, bodies, situs.yaml, surveys."""
