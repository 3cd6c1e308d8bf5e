# jf — points-supermarket books.  See README.md.

.SUFFIXES:

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
LOCALEDIR ?= $(PREFIX)/share/locale
SHAREDIR ?= $(PREFIX)/share/jf
DESTDIR ?=
VERSION  = 0.1.0

ifeq ($(origin CC),default)
CC = cc
endif
CFLAGS  ?= -g -O2
PKG_CONFIG ?= pkg-config
YAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS   := $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
SODIUM_CFLAGS := $(shell $(PKG_CONFIG) --cflags libsodium 2>/dev/null)
SODIUM_LIBS   := $(shell $(PKG_CONFIG) --libs libsodium 2>/dev/null || echo -lsodium)
UTF8PROC_CFLAGS := $(shell $(PKG_CONFIG) --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS   := $(shell $(PKG_CONFIG) --libs libutf8proc 2>/dev/null || echo -lutf8proc)

override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -Ilib $(YAML_CFLAGS) $(SODIUM_CFLAGS) $(UTF8PROC_CFLAGS) -DJF_VERSION='"$(VERSION)"'
override CFLAGS += -DJF_LOCALEDIR='"$(LOCALEDIR)"'
ifdef WERROR
override CFLAGS += -Werror
endif
ifdef SANITIZE
override CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
endif
ifdef FAILPOINTS
override CFLAGS += -DJF_FAILPOINTS
endif

# Build products go to a separate directory per flavour so that a sanitized
# build never mixes objects with a plain one.
O ?= build$(if $(SANITIZE),-san)$(if $(FAILPOINTS),-fp)

LIB_SRC  := $(sort $(wildcard lib/*.c))
LIB_OBJ  := $(LIB_SRC:lib/%.c=$(O)/lib/%.o)
CMD_SRC  := $(sort $(wildcard cmd/*.c))
CMDS     := $(CMD_SRC:cmd/%.c=%)
BINS     := $(CMDS:%=$(O)/bin/%)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
MAN1     := $(sort $(wildcard man/*.1))
MAN5     := $(sort $(wildcard man/*.5))
MAN7     := $(sort $(wildcard man/*.7))
# Message catalogues (po/README): po/LANG.po -> $(O)/locale/LANG/LC_MESSAGES/jf.mo
LINGUAS  := $(sort $(basename $(notdir $(wildcard po/*.po))))
MOS      := $(LINGUAS:%=$(O)/locale/%/LC_MESSAGES/jf.mo)

all: $(BINS) $(MOS)

$(O)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/libjf.a: $(LIB_OBJ)
	@rm -f $@
	@echo "AR $@"
	@$(AR) rcs $@ $(LIB_OBJ)

$(O)/bin/%: cmd/%.c $(O)/libjf.a lib/*.h
	@mkdir -p $(@D)
	@echo "LD $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libjf.a $(YAML_LIBS) $(SODIUM_LIBS) $(UTF8PROC_LIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libjf.a lib/*.h
	@mkdir -p $(@D)
	@echo "LD $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libjf.a $(YAML_LIBS) $(SODIUM_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

$(O)/locale/%/LC_MESSAGES/jf.mo: po/%.po
	@mkdir -p $(@D)
	@echo "MSGFMT $<"
	@msgfmt -c --check-format --output-file=$@ $<

# po/jf.pot from the sources: every printf-like funnel of a message, listed
# here once (the format argument's position), plus N_() and the help strings
# of the option tables (scripts/po-opts.awk).  A new funnel goes here.
# tests/cmd/0057-po.sh runs this to find messages po/zh_CN.po lacks.
POT ?= po/jf.pot
PO_FUNNELS := jf_error:2 jf_error_at:5 jf_diag_add:6 jf_diag_vadd:6 jf_wrefuse:3 \
	jf_kcheck_problem:4 scan_problem:5 refuse:3 err:3 FERR:3 FWARN:3 P:3 W:3 input_fail:2
pot:
	@mkdir -p $(dir $(POT))
	@xgettext -o $(POT).c.tmp -L C --from-code=UTF-8 --sort-by-file --no-wrap \
		--package-name=jf --package-version=$(VERSION) \
		--add-comments=TRANSLATORS: -k -kN_ -kjf_tr -kjf_tr_head:2 \
		$(foreach f,$(PO_FUNNELS),-k$(f) --flag=$(f):c-format) \
		$(LIB_SRC) $(CMD_SRC)
	@sed -i 's/charset=CHARSET/charset=UTF-8/' $(POT).c.tmp
	@awk -f scripts/po-opts.awk lib/cli.c $(CMD_SRC) >$(POT).opts.tmp
	@msgcat --use-first --no-wrap -o $(POT) $(POT).c.tmp $(POT).opts.tmp
	@rm -f $(POT).c.tmp $(POT).opts.tmp
	@echo "POT $(POT): $$(grep -c '^msgid ' $(POT)) messages"

# Install the Debian packages the build and the tests need, when missing.
deps:
	@sh scripts/deps

# The crash and I/O error tests (tests/cmd/0850, 0860) run the writers of
# the failpoint flavour of this build.
FP_O = $(if $(FAILPOINTS),$(O),$(O)-fp)

check: deps
	@$(MAKE) --no-print-directory all-tests
	@$(MAKE) --no-print-directory FAILPOINTS=1 O=$(FP_O) all
	@JF_FP_BIN=$(abspath $(FP_O))/bin sh tests/run.sh $(O)

all-tests: $(BINS) $(UNITS) $(MOS)

check-asan:
	@$(MAKE) --no-print-directory check SANITIZE=address,undefined

demo: deps
	@$(MAKE) --no-print-directory all
	@sh examples/demo.sh $(O)/bin $(O)/demo

# Benchmarks against ledger-cli and hledger (bench/README.md); writes
# bench/RESULTS.md.  BENCH_FLAGS=--quick: the 10k and 100k books only;
# BENCH_HUGE=1: the 10M book as well.
bench: all
	BENCH_HUGE=$(BENCH_HUGE) sh bench/run.sh $(BENCH_FLAGS)

# libFuzzer on the ledger and settings readers (clang; tests/fuzz/run.sh).
# FUZZ_TIME: seconds per target (default 60).
fuzz:
	sh tests/fuzz/run.sh $(FUZZ_TIME)

# The tests under valgrind: no memory errors, no definite leaks.  QUICK=1
# runs every unit test and a command subset that reaches every command and
# every refusal (about 7 min here; all of them: about 30 min).
check-valgrind: deps
	@$(MAKE) --no-print-directory all-tests
	QUICK=$(QUICK) sh tests/valgrind.sh $(O)

lint-man:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp completion/jf.bash $(DESTDIR)$(BASHCOMPDIR)/jf
	for c in $(filter-out jf,$(CMDS)); do ln -sf jf $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	cp completion/_jf $(DESTDIR)$(ZSHCOMPDIR)/_jf
	for l in $(LINGUAS); do mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		cp $(O)/locale/$$l/LC_MESSAGES/jf.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/jf.mo || exit 1; done
	mkdir -p $(DESTDIR)$(SHAREDIR)/hooks $(DESTDIR)$(SHAREDIR)/cron
	cp examples/hooks/pre-commit examples/hooks/pre-receive $(DESTDIR)$(SHAREDIR)/hooks/
	cp examples/cron/weekly.sh examples/cron/crontab $(DESTDIR)$(SHAREDIR)/cron/
	cp examples/git/.gitattributes $(DESTDIR)$(SHAREDIR)/gitattributes

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done
	for c in $(CMDS); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_jf
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/jf.mo; done
	rm -f $(DESTDIR)$(SHAREDIR)/hooks/pre-commit $(DESTDIR)$(SHAREDIR)/hooks/pre-receive
	rm -f $(DESTDIR)$(SHAREDIR)/cron/weekly.sh $(DESTDIR)$(SHAREDIR)/cron/crontab
	rm -f $(DESTDIR)$(SHAREDIR)/gitattributes
	-rmdir $(DESTDIR)$(SHAREDIR)/hooks $(DESTDIR)$(SHAREDIR)/cron $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build build-san build-fp build-san-fp build-fp-fp build-san-fp-fp build-fuzz

.PHONY: all deps check all-tests check-asan demo bench fuzz check-valgrind lint-man install uninstall clean pot
