# unik: top-level entry points. Each installs and builds what is missing
# (tools/deps: apt packages, newlib, lwIP, Xen headers, cached in build/).
#
#   make run     build the web server for Xen, boot it in the Xen lab and
#                serve it on http://127.0.0.1:8080/ (Ctrl-C stops it)
#   make hello   build examples/hello for Xen and boot it to completion
#   make test    unit tests, then the integration tests on unix and on Xen
#   make deps    only the dependency step
#   make unit    only the host unit tests

UNIK_BUILD ?= $(CURDIR)/build
export UNIK_BUILD

.PHONY: all deps test unit run hello run-unix format clean
all: test

deps:
	@tools/deps

test: deps
	@tests/run all

unit: deps
	@tests/run unit

run: deps
	@tools/unik-run --target xen examples/httpd

hello: deps
	@tools/unik-run --target xen examples/hello

run-unix: deps
	@tools/unik-run --target unix examples/hello

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(UNIK_BUILD)
