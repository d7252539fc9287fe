this is not a fragment: build/ folders are skipped
