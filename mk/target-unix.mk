# The unix target: the image is a Linux executable linked with the host libc.
TARGET_CFLAGS :=
TARGET_ASFLAGS :=
APP_IMAGE := $(APP)

$(APP_IMAGE): $(APP_OBJS) $(LIB_ARCHIVES)
	@echo "  LD      $@"
	@$(CC) -o $@ $(APP_OBJS) -Wl,--start-group $(LIB_ARCHIVES) -Wl,--end-group \
		-Wl,--gc-sections $(LINK_FLAGS) $(LINK_LIBS)
