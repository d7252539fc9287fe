this is not a fragment: dot-folders are skipped
