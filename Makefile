# tend — one Makefile, out-of-tree build/ (GNU make).
#   make            release binary build/tend (musl-gcc -static -Os, stripped)
#   make check      every test layer: unit, pid1, oci, docker
#   make bench      the side-by-side benchmark (tests/bench)
#   make size       the stripped size of build/tend
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
DESTDIR	?=
B	:= build

MUSLCC	?= musl-gcc
CC	?= cc
GIT	:= $(shell git rev-parse --short=7 HEAD 2>/dev/null || echo 0000000)

WARN	:= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wformat=2 -Wimplicit-fallthrough -Werror
BASE	:= -std=c11 -D_GNU_SOURCE -Iinclude -I$(B) -MMD -MP
REL_CFLAGS := $(BASE) $(WARN) -Os -fstack-protector-strong \
	   -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	   -flto=auto -fno-pie -malign-data=abi -fno-jump-tables
# The 48 KiB budget (bytes measured on x86_64, musl 1.2.3, gcc 12):
# -flto=auto optimises the program as one unit, its partitions built in
# parallel (inlining and dead code across files: ~320 bytes). -fno-pie:
# the binary is a non-PIE executable at 0x400000 anyway, so code may use
# 32-bit absolute addresses and tables of
# pointers need no relocation (~540). -malign-data=abi aligns arrays as
# the ABI asks, not to 32 bytes for vector loads (~60); -fno-jump-tables
# makes switches compare chains (~110). See also the $(B)/tend recipe,
# and include/tend/sys.h for the libc wrappers tend does without.
# The budget is also paid in pages: -z noseparate-code keeps headers,
# code and constants in one R+X segment instead of three page-aligned
# ones, and -z norelro keeps the data right behind them instead of pushing
# it so that a read-only-after-start region ends on a page boundary. In
# this static, non-PIE binary that region would hold no function pointer
# (no PLT, no lazy binding; a GOT of four TLS words, one init_array entry,
# tables of name pointers), so RELRO protects next to nothing here, while
# it costs up to 4 KiB: a twelfth of the budget. Stack protection stays.
# -z common-page-size=64: ld's DATA_SEGMENT_ALIGN may start the data on
# a fresh page of the file to save a page of memory; with small "common"
# pages that padding (up to 4 KiB, ~700 bytes here) is a few bytes, and
# the data still begins on its own page in memory.
REL_LDFLAGS := -static -s -Wl,--gc-sections -Wl,-z,norelro \
	   -Wl,-z,noseparate-code -Wl,-z,common-page-size=64
TEST_CFLAGS := $(BASE) $(WARN) -g -O1 -fsanitize=address,undefined \
	   -fno-omit-frame-pointer -fno-sanitize-recover=all

# The pure core: no syscalls, unit-tested (DESIGN.md section 5).
CORE	:= opts signame duration exitcode supervise version fmt num errstr \
	   linebuf \
	   syslogfmt logfmt tmpl envfile user \
	   url http dns cron tz
# The thin Linux layer.
SHELL_MODS := main loop signals spawn reap log relay fs sys \
	   env net wait render privdrop hooks health crond
UNITS	:= $(CORE)

REL_OBJS  := $(patsubst %,$(B)/rel/%.o,$(CORE) $(SHELL_MODS))
TEST_CORE := $(patsubst %,$(B)/test/%.o,$(CORE))
UNIT_BINS := $(patsubst %,$(B)/unit/test_%,$(UNITS))

all: $(B)/tend $(B)/tend-helper

$(B)/license.inc: LICENSE
	@mkdir -p $(@D)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

# The commit for --version, rewritten only when it changes.
$(B)/git.inc: FORCE
	@mkdir -p $(@D)
	@echo '#define TEND_GIT "$(GIT)"' | cmp -s - $@ || \
	  echo '#define TEND_GIT "$(GIT)"' > $@

$(B)/rel/%.o: src/%.c $(B)/license.inc $(B)/git.inc
	@mkdir -p $(@D)
	@echo "  CC      $@"; $(MUSLCC) $(REL_CFLAGS) -c -o $@ $<

# Two more savings at link time:
# - Functions follow one another byte by byte: musl's objects ask for
#   16-byte alignment, worth nothing here and ~900 bytes of padding.
#   SUBALIGN overrides it in .text only (data keeps its alignment); INSERT
#   amends ld's default script instead of replacing it.
# - Section headers, .shstrtab and .comment lie past the last loaded byte
#   and only tools read them; the kernel maps the program headers. As
#   ELFkickers' sstrip does, the file ends after the last PT_LOAD, and
#   e_shoff, e_shnum and e_shstrndx (ELF header bytes 40-47 and 60-63)
#   are zeroed (~1.15 KiB). readelf -l and file read it; strip cannot.
$(B)/text.ld:
	@mkdir -p $(@D)
	echo 'SECTIONS { .text : SUBALIGN(1) { *(.text .text.*) } }' \
	  'INSERT AFTER .init;' > $@

$(B)/tend: $(REL_OBJS) $(B)/text.ld
	@echo "  CCLD    $@"; $(MUSLCC) $(REL_CFLAGS) $(REL_LDFLAGS) \
	  -Wl,-T,$(B)/text.ld -o $@.tmp $(REL_OBJS)
	@set -e; set -- $$(readelf -lW $@.tmp | \
	  awk '$$1 == "LOAD" { off = $$2; size = $$5 } END { print off, size }'); \
	truncate -s $$(($$1 + $$2)) $@.tmp; \
	dd if=/dev/zero of=$@.tmp bs=1 seek=40 count=8 conv=notrunc status=none; \
	dd if=/dev/zero of=$@.tmp bs=1 seek=60 count=4 conv=notrunc status=none; \
	mv $@.tmp $@

$(B)/tend-helper: tests/helper/helper.c
	@mkdir -p $(@D)
	$(MUSLCC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Os -static -s -o $@ $<

$(B)/test/%.o: src/%.c $(B)/license.inc $(B)/git.inc
	@mkdir -p $(@D)
	@echo "  CC      $@"; $(CC) $(TEST_CFLAGS) -c -o $@ $<

$(B)/unit/test_%: tests/unit/test_%.c $(TEST_CORE)
	@mkdir -p $(@D)
	@echo "  CCLD    $@"; $(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_CORE) -lcmocka

# The core must not reach the kernel: its objects may not reference
# process, signal-delivery or I/O calls.
SYSCALLS := fork vfork execve execvp kill waitpid wait4 read write open \
	openat close poll ppoll signalfd sigprocmask prctl ioctl chdir \
	socket connect pipe pipe2 setsid setpgid tcsetpgrp clock_gettime
purity: $(TEST_CORE)
	@bad=$$(nm -u $(TEST_CORE) | awk '{print $$2}' | \
	  grep -xE '$(shell echo $(SYSCALLS) | tr ' ' '|')' | sort -u); \
	if [ -n "$$bad" ]; then echo "core calls the kernel: $$bad"; exit 1; fi; \
	echo "purity: core objects reference no syscalls"

unit: $(UNIT_BINS) purity
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

pid1: all
	tests/pid1/run
	tests/pid1/relay
	tests/pid1/startup
	tests/pid1/cron

oci: all
	tests/oci/run

docker: all
	tests/docker/run

check: all unit pid1 oci docker

# libFuzzer targets (clang), bounded, not part of check: make fuzz [FUZZ_TIME=30]
FUZZ_CC	?= clang
FUZZ_TIME ?= 30
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
	   -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_BINS := $(B)/fuzz/fuzz_linebuf $(B)/fuzz/fuzz_syslogfmt \
	   $(B)/fuzz/fuzz_tmpl $(B)/fuzz/fuzz_envfile

$(B)/fuzz/fuzz_linebuf: tests/fuzz/fuzz_linebuf.c src/linebuf.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

$(B)/fuzz/fuzz_syslogfmt: tests/fuzz/fuzz_syslogfmt.c src/fmt.c \
	    src/syslogfmt.c src/logfmt.c src/cron.c src/duration.c src/num.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

$(B)/fuzz/fuzz_tmpl: tests/fuzz/fuzz_tmpl.c src/tmpl.c src/fmt.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

$(B)/fuzz/fuzz_envfile: tests/fuzz/fuzz_envfile.c src/envfile.c src/fmt.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

FUZZ_BINS += $(B)/fuzz/fuzz_url $(B)/fuzz/fuzz_http $(B)/fuzz/fuzz_dns

$(B)/fuzz/fuzz_url: tests/fuzz/fuzz_url.c src/url.c src/http.c src/dns.c \
	    src/num.c src/fmt.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

$(B)/fuzz/fuzz_http: tests/fuzz/fuzz_http.c src/http.c src/num.c src/fmt.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

$(B)/fuzz/fuzz_dns: tests/fuzz/fuzz_dns.c src/dns.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

FUZZ_BINS += $(B)/fuzz/fuzz_cron

$(B)/fuzz/fuzz_cron: tests/fuzz/fuzz_cron.c src/cron.c src/duration.c \
	    src/num.c src/fmt.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

FUZZ_BINS += $(B)/fuzz/fuzz_tz

$(B)/fuzz/fuzz_tz: tests/fuzz/fuzz_tz.c src/tz.c src/cron.c src/duration.c \
	    src/num.c src/fmt.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^

fuzz: $(FUZZ_BINS)
	@set -e; for f in $(FUZZ_BINS); do echo "== $$f"; \
	  mkdir -p $$f.corpus; \
	  $$f -max_len=8192 -max_total_time=$(FUZZ_TIME) \
	    -artifact_prefix=$(B)/fuzz/ $$f.corpus; done

bench: all
	tests/bench/run

size: $(B)/tend
	@stat -c '%s bytes  $(B)/tend' $(B)/tend

install: $(B)/tend
	install -D -m 0755 $(B)/tend $(DESTDIR)$(PREFIX)/bin/tend
	install -D -m 0644 man/tend.8 $(DESTDIR)$(PREFIX)/share/man/man8/tend.8

clean:
	rm -rf $(B)

.PHONY: FORCE fuzz all unit purity pid1 oci docker check bench size install clean

-include $(wildcard $(B)/rel/*.d $(B)/test/*.d $(B)/unit/*.d)
