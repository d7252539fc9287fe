# httpd's build step of its own, included by mk/app.mk: embed site/ in the
# image. tools/unik-crunch turns the folder into $(BUILD)/gen/site-data.S (one
# .incbin per file) and site.c (the table net/http's site backend reads),
# listed in APP_GEN_SRCS for mk/app.mk to compile and link.
#
# The tool runs on every build: it hashes the folder (cheap) and rewrites
# an output only when its text changed, so adding, removing or editing a
# file under site/ rebuilds exactly what it must, without make having to
# know the file list.
SITE_DIR := site
SITE_GEN := $(BUILD)/gen/site
APP_GEN_SRCS += $(SITE_GEN).c $(SITE_GEN)-data.S

.PHONY: site-crunch
site-crunch:
	@mkdir -p $(dir $(SITE_GEN))
	@$(UNIK_ROOT)/tools/unik-crunch $(SITE_DIR) $(SITE_GEN)

# Empty recipes: make re-reads the files' times after the tool ran, so
# their objects are rebuilt only when the tool actually rewrote them.
$(SITE_GEN).c $(SITE_GEN)-data.S: site-crunch ;
