this is not a fragment: testdata/ folders are skipped
