# Fixture standing in for mk/app.mk: tests/cli.sh runs "make show" on a
# generated Makefile to check that make reads back what unik.conf said.
.PHONY: show
show:
	@:$(info APP=[$(APP)])$(info TARGET=[$(TARGET)])$(info CMDLINE=[$(CMDLINE)])$(info UNIK_LIBS=[$(UNIK_LIBS)])$(info LIBDIR=[$(UNIK_LIBDIR_plat-unix)])$(info MISSING=[$(filter-out $(wildcard $(CONFIGURE_INPUTS)),$(CONFIGURE_INPUTS))])
