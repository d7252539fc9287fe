# Host unit tests: for every library fragment that lists UNIT_TESTS, build
# each tests/NAME.c with the library's UNIT_SRCS (its real portable sources
# plus any test shim) and cmocka, into $(UNIK_BUILD)/unit/<lib>/NAME.
#   make -f mk/unit.mk UNIK_ROOT=$PWD          build them all
#   make -f mk/unit.mk UNIK_ROOT=$PWD list     print the binaries, one a line

.DEFAULT_GOAL := all
UNIK_ROOT ?= $(CURDIR)
UNIK_BUILD ?= $(UNIK_ROOT)/build
UBUILD := $(UNIK_BUILD)/unit
CC := gcc
UNIT_BASE_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -O1 -g -Wall -Wextra -Werror \
	-fno-omit-frame-pointer -fsanitize=undefined -fno-sanitize-recover=all \
	-I$(UNIK_ROOT)/include

FRAGMENTS := $(shell find $(UNIK_ROOT)/libos $(UNIK_ROOT)/drivers $(UNIK_ROOT)/net \
	$(UNIK_ROOT)/arch -name lib.mk -not -path '*/tests/*' 2>/dev/null | sort)
FRAG_KEYS := LIB UNIT_TESTS UNIT_SRCS UNIT_CFLAGS UNIT_LDLIBS
U_LIBS :=
UNIT_BINS :=

define load_frag
$(foreach k,$(FRAG_KEYS),$(eval $(k) :=))
include $(1)
ifneq ($$(strip $$(UNIT_TESTS)),)
U_LIBS += $$(LIB)
U_DIR_$$(LIB) := $(dir $(1))
U_TESTS_$$(LIB) := $$(UNIT_TESTS)
U_SRCS_$$(LIB) := $$(UNIT_SRCS)
U_CFLAGS_$$(LIB) := $$(UNIT_CFLAGS)
U_LDLIBS_$$(LIB) := $$(UNIT_LDLIBS)
endif
endef
$(foreach f,$(FRAGMENTS),$(eval $(call load_frag,$(f))))

define test_rule
$(UBUILD)/$(1)/$(2): $(U_DIR_$(1))tests/$(2).c $(addprefix $(U_DIR_$(1)),$(U_SRCS_$(1))) $(MAKEFILE_LIST)
	@mkdir -p $$(@D)
	@echo "  UNIT    $(1)/$(2)"
	@$(CC) $(UNIT_BASE_CFLAGS) -I$(U_DIR_$(1)) $(U_CFLAGS_$(1)) -o $$@ \
		$(U_DIR_$(1))tests/$(2).c $(addprefix $(U_DIR_$(1)),$(U_SRCS_$(1))) \
		$(U_LDLIBS_$(1)) -lcmocka
UNIT_BINS += $(UBUILD)/$(1)/$(2)
endef
$(foreach l,$(U_LIBS),$(foreach t,$(U_TESTS_$(l)),$(eval $(call test_rule,$(l),$(t)))))

all: $(UNIT_BINS)
list:
	@printf '%s\n' $(UNIT_BINS)
.PHONY: all list
