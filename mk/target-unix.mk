# The unix target: the image is a Linux executable linked with the host libc.
# Selected libraries are linked whole (their UNIK_INIT hooks must stay) and
# --gc-sections drops the functions nothing reaches.
TARGET_CFLAGS :=
TARGET_ASFLAGS :=
APP_IMAGE := $(APP)

$(APP_IMAGE): $(APP_OBJS) $(LIB_ARCHIVES)
	@echo "  LD      $@"
	@$(CC) -o $@ $(APP_OBJS) -Wl,--whole-archive $(LIB_ARCHIVES) -Wl,--no-whole-archive \
		-Wl,--gc-sections $(LINK_FLAGS) $(LINK_LIBS)
