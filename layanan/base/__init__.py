"""What every stage uses: problems and their report, the build cache, locks, the clock, dates, YAML with lines."""
