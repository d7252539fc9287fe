# Build step of net_httpd: a fresh fixture tree (net/http/tests/mkfixture.sh)
# crunched into the image; the runner stages the same tree for the client.
FIXTURE := _build/fixture
APP_GEN_SRCS += $(BUILD)/gen/site.c $(BUILD)/gen/site-data.S

$(FIXTURE)/index.html: $(UNIK_ROOT)/net/http/tests/mkfixture.sh
	@sh $< $(FIXTURE)

$(BUILD)/gen/site.c $(BUILD)/gen/site-data.S: $(FIXTURE)/index.html
	@mkdir -p $(BUILD)/gen
	@$(UNIK_ROOT)/tools/unik-crunch $(FIXTURE) $(BUILD)/gen/site
