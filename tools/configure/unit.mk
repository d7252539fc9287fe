# tools/configure/unit.mk: unit tests of unik-configure.
#
# Included from the top Makefile, it defines:
#   CONFIGURE_UNIT_TESTS   the cmocka test binaries
#   configure-unit         build them (into $(UNIK_BUILD)/unit/configure/)
#   configure-unit-run     build and run them, then tests/cli.sh
# Alone: make -f tools/configure/unit.mk [UNIK_BUILD=...] run
# (also: all = build, clean = remove $(UNIK_BUILD)/unit/configure).

# Keep the includer's default goal: this fragment's rules must not take it.
CONFIGURE_SAVED_GOAL := $(.DEFAULT_GOAL)
CONFIGURE_SRC := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
CONFIGURE_ROOT := $(abspath $(CONFIGURE_SRC)/../..)
UNIK_BUILD ?= $(CONFIGURE_ROOT)/build
CONFIGURE_UNIT_DIR := $(UNIK_BUILD)/unit/configure
CONFIGURE_TOOL := $(UNIK_BUILD)/tools/unik-configure

CONFIGURE_HOSTCC ?= cc
CONFIGURE_CFLAGS := -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L
CONFIGURE_HEADERS := $(wildcard $(CONFIGURE_SRC)/*.h)

# Each test links the tool's parts it needs (never main.c).
CONFIGURE_LIB_SRCS_manifest := manifest.c manifest_net.c manifest_disk.c util.c
CONFIGURE_LIB_SRCS_manifest_disk := $(CONFIGURE_LIB_SRCS_manifest)
CONFIGURE_LIB_SRCS_fragment := fragment.c util.c
CONFIGURE_LIB_SRCS_resolve := resolve.c fragment.c manifest.c manifest_net.c manifest_disk.c util.c
CONFIGURE_LIB_SRCS_emit := emit.c resolve.c fragment.c manifest.c manifest_net.c manifest_disk.c util.c

CONFIGURE_UNIT_NAMES := manifest manifest_disk fragment resolve emit
CONFIGURE_UNIT_TESTS := $(CONFIGURE_UNIT_NAMES:%=$(CONFIGURE_UNIT_DIR)/test_%)

.PHONY: configure-unit configure-unit-run configure-unit-clean configure-unit-list

configure-unit-list:
	@printf '%s\n' $(CONFIGURE_UNIT_TESTS)

configure-unit: $(CONFIGURE_UNIT_TESTS) $(CONFIGURE_TOOL)

$(CONFIGURE_UNIT_DIR)/test_%: $(CONFIGURE_SRC)/tests/test_%.c \
		$(CONFIGURE_SRC)/tests/helpers.h $(CONFIGURE_HEADERS) \
		$(addprefix $(CONFIGURE_SRC)/,$(CONFIGURE_LIB_SRCS_emit))
	@mkdir -p $(@D)
	$(CONFIGURE_HOSTCC) $(CONFIGURE_CFLAGS) \
		-DTESTDATA='"$(CONFIGURE_SRC)/testdata"' -o $@ $< \
		$(addprefix $(CONFIGURE_SRC)/,$(CONFIGURE_LIB_SRCS_$*)) -lcmocka

# The same binary tools/unik-configure builds and runs.
$(CONFIGURE_TOOL): $(wildcard $(CONFIGURE_SRC)/*.c) $(CONFIGURE_HEADERS)
	@mkdir -p $(@D)
	$(CONFIGURE_HOSTCC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ \
		$(wildcard $(CONFIGURE_SRC)/*.c)

# Every test runs even when one fails; the target fails if any did.
configure-unit-run: configure-unit
	@rc=0; for t in $(CONFIGURE_UNIT_TESTS); do $$t || rc=1; done; \
	sh $(CONFIGURE_SRC)/tests/cli.sh $(CONFIGURE_TOOL) || rc=1; \
	exit $$rc

configure-unit-clean:
	rm -rf $(CONFIGURE_UNIT_DIR)

.DEFAULT_GOAL := $(CONFIGURE_SAVED_GOAL)

ifeq ($(words $(MAKEFILE_LIST)),1)
.PHONY: all run clean list
.DEFAULT_GOAL := all
all: configure-unit
run: configure-unit-run
list: configure-unit-list
clean: configure-unit-clean
endif
