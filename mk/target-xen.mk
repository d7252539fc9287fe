# The xen target: a freestanding x86_64 ELF that Xen boots as a PVH or as a
# PV guest, the same file either way (docs/XEN.md, "PV and PVH"). Compiled
# against newlib's headers, never the host's: -nostdinc drops /usr/include,
# -isystem brings newlib, and -idirafter keeps gcc's own freestanding
# headers (stddef.h, stdarg.h...) as a fallback.
#
#   -mno-red-zone   an interrupt pushes its frame right below %rsp, over a
#                   leaf function's red zone (newlib is built the same way)
#   -mcmodel=small  the image is linked at 1 MiB, far below 2 GiB
#   -fno-pic/pie    one static image at a fixed address
#   -fno-stack-protector  no canary support in the libOS yet
#   -fcf-protection=none  no CET: endbr64 everywhere buys nothing here
#
# libgcc is not linked: Debian's libgcc.a is built with the red zone
# (33 functions use it). Nothing in the image needs it today; a link error
# naming __udivti3 & co. means a helper must be provided (or the code
# changed), not that -lgcc should be added.

ifeq ($(NEWLIB_INC),)
$(error NEWLIB_INC is not set: run tools/deps (make deps) first, it writes $(UNIK_BUILD)/deps/env.mk)
endif

XEN_GCC_INC := $(shell $(CC) -print-file-name=include)
XEN_LDS := $(UNIK_ROOT)/arch/x86_64/xen.lds
XEN_INCLUDES := -nostdinc -isystem $(NEWLIB_INC) -isystem $(XEN_INC) \
	-idirafter $(XEN_GCC_INC) \
	-D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__

TARGET_CFLAGS := -ffreestanding $(XEN_INCLUDES) -mno-red-zone -mcmodel=small \
	-fno-pic -fno-pie -fno-stack-protector -fcf-protection=none \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer
TARGET_ASFLAGS := $(XEN_INCLUDES) -fno-pic -fno-pie
APP_IMAGE := $(APP).xen

# Every selected library is linked whole: their UNIK_INIT hooks and the
# platform's entry point are reached only through the linker script.
# --gc-sections then drops every function nothing reaches.
XEN_LDFLAGS := -nostdlib -static -no-pie -Wl,-T,$(XEN_LDS) -Wl,--gc-sections \
	-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack -Wl,--build-id=none

$(APP_IMAGE): $(APP_OBJS) $(LIB_ARCHIVES) $(XEN_LDS)
	@echo "  LD      $@"
	@$(CC) $(XEN_LDFLAGS) -o $@ $(APP_OBJS) -Wl,--start-group \
		-Wl,--whole-archive $(LIB_ARCHIVES) -Wl,--no-whole-archive \
		$(NEWLIB_LIB)/libc.a $(NEWLIB_LIB)/libm.a $(LINK_LIBS) \
		-Wl,--end-group $(LINK_FLAGS)
