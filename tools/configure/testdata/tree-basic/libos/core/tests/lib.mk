this is not a fragment: tests/ folders are skipped
