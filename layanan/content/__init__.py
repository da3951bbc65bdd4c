"""What content is: each record's fields declared once, their validators, the survey index, every address."""
