/* Fixture: an assembly source named in test manifests. */
