# Builds one application image. Included by the Makefile that unik-configure
# writes in the app folder, which sets: UNIK_ROOT APP TARGET APP_SRCS
# APP_CFLAGS MEMORY_MB GUEST_TYPE CMDLINE NET_* MOUNTS DISK_ARGS UNIK_LIBS
# UNIK_LIBDIR_<lib> CONFIGURE_ARGS CONFIGURE_INPUTS.
#
# Each selected library is built from its lib.mk into _build/<target>/lib<name>.a;
# mk/target-<target>.mk then links the app's objects with them into the image.

.DEFAULT_GOAL := all
UNIK_BUILD ?= $(UNIK_ROOT)/build
BUILD := _build/$(TARGET)
# NEWLIB_INC NEWLIB_LIB LWIP_DIR XEN_INC, written by tools/deps.
-include $(UNIK_BUILD)/deps/env.mk
CC := gcc
OBJCOPY := objcopy
AR := ar

COMMON_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Werror \
	-fno-omit-frame-pointer -ffunction-sections -fdata-sections \
	-I$(UNIK_ROOT)/include $(EXPORTED_CFLAGS)

# ---- libraries: load each fragment, capture its variables under its name.
FRAG_KEYS := LIB PROVIDES REQUIRES TARGETS UNIT_TESTS UNIT_SRCS UNIT_CFLAGS \
	UNIT_LDLIBS EXT_DIR EXT_SRCS SRCS CFLAGS LDFLAGS LDLIBS EXPORT_CFLAGS \
	$(foreach k,SRCS CFLAGS LDFLAGS LDLIBS EXPORT_CFLAGS,$(k)_$(TARGET))

define load_lib
$(foreach k,$(FRAG_KEYS),$(eval $(k) :=))
include $(UNIK_ROOT)/$(UNIK_LIBDIR_$(1))/lib.mk
L_SRCS_$(1) := $$(SRCS) $$(SRCS_$(TARGET))
L_EXT_DIR_$(1) := $$(EXT_DIR)
L_EXT_SRCS_$(1) := $$(EXT_SRCS)
L_CFLAGS_$(1) := $$(CFLAGS) $$(CFLAGS_$(TARGET))
LINK_FLAGS += $$(LDFLAGS) $$(LDFLAGS_$(TARGET))
LINK_LIBS += $$(LDLIBS) $$(LDLIBS_$(TARGET))
EXPORTED_CFLAGS += $$(EXPORT_CFLAGS) $$(EXPORT_CFLAGS_$(TARGET))
endef
# Simple variables, so that `+=` in load_lib expands each fragment's values
# while they are loaded, not at link time after the next reset.
LINK_FLAGS :=
LINK_LIBS :=
# EXPORT_CFLAGS: what users of a library compile with (its public include
# folder, e.g.); applied to the app and to every library of the image.
EXPORTED_CFLAGS :=
$(foreach l,$(UNIK_LIBS),$(eval $(call load_lib,$(l))))
$(foreach k,$(FRAG_KEYS),$(eval $(k) :=))

define lib_rules
L_DIR_$(1) := $(UNIK_ROOT)/$(UNIK_LIBDIR_$(1))
L_OBJS_$(1) := $$(addprefix $(BUILD)/lib/$(1)/,$$(addsuffix .o,$$(basename $$(L_SRCS_$(1))))) \
	$$(addprefix $(BUILD)/lib/$(1)/ext/,$$(addsuffix .o,$$(basename $$(L_EXT_SRCS_$(1)))))
$(BUILD)/lib/$(1)/ext/%.o: $$(L_EXT_DIR_$(1))/%.c
	@mkdir -p $$(@D)
	@echo "  CC      $(1)/ext/$$*.c"
	@$$(CC) $$(COMMON_CFLAGS) $$(TARGET_CFLAGS) $$(L_CFLAGS_$(1)) -I$$(L_DIR_$(1)) -MMD -MP -c $$< -o $$@
$(BUILD)/lib/$(1)/%.o: $$(L_DIR_$(1))/%.c
	@mkdir -p $$(@D)
	@echo "  CC      $(1)/$$*.c"
	@$$(CC) $$(COMMON_CFLAGS) $$(TARGET_CFLAGS) $$(L_CFLAGS_$(1)) -I$$(L_DIR_$(1)) -MMD -MP -c $$< -o $$@
$(BUILD)/lib/$(1)/%.o: $$(L_DIR_$(1))/%.S
	@mkdir -p $$(@D)
	@echo "  AS      $(1)/$$*.S"
	@$$(CC) $$(COMMON_CFLAGS) $$(TARGET_ASFLAGS) $$(L_CFLAGS_$(1)) -I$$(L_DIR_$(1)) -MMD -MP -c $$< -o $$@
$(BUILD)/lib$(1).a: $$(L_OBJS_$(1))
	@echo "  AR      lib$(1).a"
	@rm -f $$@ && $$(AR) rcs $$@ $$^
LIB_ARCHIVES += $$(if $$(strip $$(L_OBJS_$(1))),$(BUILD)/lib$(1).a)
DEPFILES += $$(L_OBJS_$(1):.o=.d)
endef
$(foreach l,$(UNIK_LIBS),$(eval $(call lib_rules,$(l))))

# ---- app-local build steps: an app.mk beside the app's Makefile may add
# rules that generate sources under $(BUILD)/gen/ (e.g. a site embedded by
# tools/unik-crunch) and list them in APP_GEN_SRCS.
APP_GEN_SRCS :=
-include app.mk
APP_GEN_OBJS := $(addsuffix .o,$(basename $(APP_GEN_SRCS)))

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@echo "  CC      $(notdir $<)"
	@$(CC) $(COMMON_CFLAGS) $(TARGET_CFLAGS) $(APP_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/gen/%.o: $(BUILD)/gen/%.S
	@echo "  AS      $(notdir $<)"
	@$(CC) $(COMMON_CFLAGS) $(TARGET_ASFLAGS) $(APP_CFLAGS) -MMD -MP -c $< -o $@

# ---- the application. Its main() is renamed unik_app_main, so that each
# platform owns the real entry point and calls main() in the first thread.
APP_OBJS := $(addprefix $(BUILD)/app/,$(addsuffix .o,$(basename $(APP_SRCS)))) \
	$(BUILD)/app/unik_config.o $(APP_GEN_OBJS)
DEPFILES += $(APP_OBJS:.o=.d)

$(BUILD)/app/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(COMMON_CFLAGS) $(TARGET_CFLAGS) $(APP_CFLAGS) -MMD -MP -c $< -o $@.tmp
	@$(OBJCOPY) --redefine-sym main=unik_app_main $@.tmp $@ && rm -f $@.tmp

$(BUILD)/app/unik_config.c: Makefile $(UNIK_ROOT)/mk/app.mk
	@mkdir -p $(@D)
	@printf '%s\n' '#include <unik/config.h>' \
	  'const char unik_config_name[] = "$(APP)";' \
	  'const unsigned long unik_config_memory_mb = $(MEMORY_MB);' \
	  'const char unik_config_net_ip[] = "$(NET_IP)";' \
	  'const char unik_config_net_gateway[] = "$(NET_GATEWAY)";' \
	  'const char unik_config_net_dns[] = "$(NET_DNS)";' \
	  'const char unik_config_mounts[] = "$(MOUNTS)";' > $@

$(BUILD)/app/unik_config.o: $(BUILD)/app/unik_config.c
	@$(CC) $(COMMON_CFLAGS) $(TARGET_CFLAGS) -c $< -o $@

# The generated Makefile follows unik.conf and the library fragments.
# A deleted fragment must re-run configure, not stop make: empty rule.
$(CONFIGURE_INPUTS):
Makefile: $(CONFIGURE_INPUTS)
	@echo "  CONFIGURE (inputs changed)"
	@$(UNIK_ROOT)/tools/unik-configure -q $(CONFIGURE_ARGS)

# TARGET_CFLAGS, TARGET_ASFLAGS, APP_IMAGE and the rule that links it; read
# last because the link rule's prerequisites need APP_OBJS and LIB_ARCHIVES.
include $(UNIK_ROOT)/mk/target-$(TARGET).mk

all: $(APP_IMAGE)

clean:
	rm -rf _build $(APP_IMAGE)

.PHONY: all clean
-include $(DEPFILES)
