# pickdoc: a traceback triage expert system.  Plain make; dependencies via pkg-config.
#   make          build ./pickdoc           make check   deps, build, every test, ASan/UBSan
#   make demo     deps, build, run an example            make deps    install missing deps
#   make install  PREFIX=/usr/local DESTDIR=             make bench   speed and memory
#   make fuzz     FUZZ_SECONDS=60 per libFuzzer target (tests/fuzz/README.md)
#   make LINK=shared   links the libraries as shared ones (default: static, libc aside)

VERSION  = 0.1.0
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1
DATADIR  = $(PREFIX)/share/pickdoc
KBDIR    = $(DATADIR)/knowledge
CC      ?= cc
BUILD   ?= build
PKGS     = libpcre2-8 yaml-0.1 readline jansson zlib libzstd

WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT     ?= -O2
ifeq ($(SAN),1)
OPT      = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
endif
DEPS_OK := $(shell tools/deps.sh check >/dev/null 2>&1 && echo yes)
ifeq ($(DEPS_OK),yes)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
PKG_STATIC_L := $(shell pkg-config --static --libs-only-l $(PKGS))
PKG_STATIC_OTHER := $(shell pkg-config --static --libs-only-L --libs-only-other $(PKGS))
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka)
endif
CPPFLAGS += -D_GNU_SOURCE -DPICKDOC_VERSION='"$(VERSION)"' -Isrc
ALL_CFLAGS = $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

# The program carries its libraries (LINK=static, the default; libc stays shared): on a
# short run, loading eight shared libraries cost more than reading the log.  LINK=shared
# links them as shared libraries, as a distribution would.  Where the linker packs
# relative relocations, the built-in knowledge base's pointers cost less at start-up.
LINK ?= static
ifeq ($(LINK),static)
PROGRAM_LIBS = $(PKG_STATIC_OTHER) -Wl,-Bstatic $(PKG_STATIC_L) -Wl,-Bdynamic
else
PROGRAM_LIBS = $(PKG_LIBS)
endif
PACK_RELOCS = $(shell printf 'int main(void){return 0;}' | \
	$(CC) -x c - -Wl,-z,pack-relative-relocs -o /dev/null 2>/dev/null && \
	echo -Wl,-z,pack-relative-relocs)

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
KB_YAML  = $(sort $(wildcard knowledge/*.yaml))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
PROGRAM  = $(if $(filter build,$(BUILD)),pickdoc,$(BUILD)/pickdoc)

.PHONY: all deps check-deps demo check test unit cli pty lint asan install uninstall clean bench eval catalogue
.PHONY: eval-real golden regen
.PHONY: integration
.PHONY: fuzz fuzz-deps fuzz-replay
.PHONY: valgrind
.DELETE_ON_ERROR:

all: check-deps $(PROGRAM)

check-deps:
	@tools/deps.sh check

deps:
	@tools/deps.sh install

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD):
	@mkdir -p $(BUILD)/tests

$(BUILD)/libpickdoc.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/kbc: tools/kbc.c $(BUILD)/libpickdoc.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libpickdoc.a $(ALL_LDFLAGS) $(PKG_LIBS)

# The built-in knowledge base: generated from the YAML, which must load and lint cleanly.
# kb.list names the files: rewritten when a playbook is added or removed (whatever its
# time), so that the knowledge base is generated again then too.
FORCE:
.PHONY: FORCE
$(BUILD)/kb.list: FORCE | $(BUILD)
	@echo '$(KB_YAML)' | cmp -s - $@ || echo '$(KB_YAML)' >$@

$(BUILD)/kb_builtin.c: $(BUILD)/kbc $(KB_YAML) $(BUILD)/kb.list
	$(BUILD)/kbc -o $@ $(KB_YAML)

$(BUILD)/kb_builtin.o: $(BUILD)/kb_builtin.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-field-initializers -c -o $@ $<

$(PROGRAM): $(BUILD)/main.o $(BUILD)/kb_builtin.o $(BUILD)/libpickdoc.a
	$(CC) -o $@ $^ $(ALL_LDFLAGS) $(PACK_RELOCS) $(PROGRAM_LIBS)

# Unit tests link the library only, except those named test_builtin_* which also get the
# built-in knowledge base.
$(BUILD)/tests/test_builtin_%: tests/unit/test_builtin_%.c $(BUILD)/kb_builtin.o $(BUILD)/libpickdoc.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(BUILD)/kb_builtin.o \
		$(BUILD)/libpickdoc.a $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpickdoc.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< \
		$(BUILD)/libpickdoc.a $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

# test_kb_emit, the emitter's round trip (added by the kb loader/emitter's owner): kbc
# compiles the fixture YAML exactly as it compiles knowledge/, and the test compares that
# data with what the loader reads from the same files at run time.
KB_FIXTURE = $(sort $(wildcard tests/unit/data/kb/emit/*.yaml))

$(BUILD)/tests/kb_fixture.c: $(BUILD)/kbc $(KB_FIXTURE) | $(BUILD)
	$(BUILD)/kbc -o $@ $(KB_FIXTURE)

$(BUILD)/tests/test_kb_emit: tests/unit/test_kb_emit.c $(BUILD)/tests/kb_fixture.c \
		$(BUILD)/libpickdoc.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-field-initializers $(CMOCKA_CFLAGS) \
		-o $@ $< $(BUILD)/tests/kb_fixture.c $(BUILD)/libpickdoc.a $(ALL_LDFLAGS) \
		$(PKG_LIBS) $(CMOCKA_LIBS)

# The pseudo-terminal harness of the guided session's tests (tests/pty/README.md).
$(BUILD)/tests/pty_test: tests/pty/pty_test.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -lutil

demo:
	@tools/deps.sh install
	@$(MAKE) --no-print-directory -s all
	./pickdoc examples/scraper-pool.log; test $$? -le 1

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; exit $$fail

cli: $(PROGRAM)
	@PICKDOC=$(abspath $(PROGRAM)) tests/cli/run.sh
	@PICKDOC=$(abspath $(PROGRAM)) tests/cli/wrapped.sh
	@PICKDOC=$(abspath $(PROGRAM)) tests/cli/stream.sh
	@MAKE="$(MAKE)" tests/cli/install.sh
	@PICKDOC=$(abspath $(PROGRAM)) tests/cli/short.sh
	@PICKDOC=$(abspath $(PROGRAM)) tests/cli/undiagnosed.sh
	@tests/cli/capture-lib.sh

# A real rsyslogd (installed when missing; skipped, with a line saying so, when it cannot
# be) tails a log and pipes it to pickdoc --follow (tests/integration/README.md).
integration: $(PROGRAM)
	@tools/deps.sh install /usr/sbin/rsyslogd:rsyslog || \
		echo "integration: rsyslog could not be installed"
	@PICKDOC=$(abspath $(PROGRAM)) tests/integration/rsyslog.sh

lint: $(PROGRAM)
	./$(PROGRAM) --lint
	@if command -v mandoc >/dev/null 2>&1; then mandoc -T lint -W warning pickdoc.1; fi

# The guided session through a pseudo-terminal, and the replayed answers (tests/pty/).
pty: $(PROGRAM) $(BUILD)/tests/pty_test
	@PICKDOC=$(abspath $(PROGRAM)) $(BUILD)/tests/pty_test tests/pty/*.t

test: unit lint cli golden fuzz-replay pty

# The reports of tests/golden/inputs pinned whole, per mode (tests/golden/run.sh); regen
# rewrites them from the binary: read its diff before committing it.
golden: $(PROGRAM)
	@PICKDOC=$(abspath $(PROGRAM)) tests/golden/run.sh

regen: $(PROGRAM)
	@PICKDOC=$(abspath $(PROGRAM)) tests/golden/run.sh --regen

# The ASan run checks the JSON of every labelled capture; text and Markdown of each are
# checked by the plain run (the sanitizers make every run several times slower).
asan:
	@PICKDOC_TEST_FORMATS=json $(MAKE) --no-print-directory BUILD=build/asan SAN=1 test

# A representative subset (tests/valgrind/README.md) under valgrind's memcheck, PCRE2's JIT
# disabled by the preloaded nojit.so, which only a program linked with the shared PCRE2
# lets take its place: the same objects, linked as LINK=shared links them.  Part of check:
# about 100 s on the 2-core build machine when nothing else runs.
valgrind: $(BUILD)/pickdoc-shared $(UNIT_BIN) $(BUILD)/tests/nojit.so
	@tools/deps.sh install valgrind:valgrind
	@PICKDOC=$(abspath $(BUILD)/pickdoc-shared) \
		VALGRIND_PRELOAD=$(abspath $(BUILD)/tests/nojit.so) tests/valgrind/run.sh $(UNIT_BIN)

$(BUILD)/pickdoc-shared: $(BUILD)/main.o $(BUILD)/kb_builtin.o $(BUILD)/libpickdoc.a
	$(CC) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/nojit.so: tests/valgrind/nojit.c | $(BUILD)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fPIC -shared -o $@ $<

# eval and catalogue are part of check: one capture of the labelled corpus, or one
# wording of the catalogue, diagnosed wrong fails it.  The whole takes about 8 minutes on
# a 2-core machine.
check:
	@tools/deps.sh install jq:jq mandoc:mandoc
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory integration
	@$(MAKE) --no-print-directory eval
	@$(MAKE) --no-print-directory eval-real
	@$(MAKE) --no-print-directory catalogue
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory valgrind

# Accuracy per playbook, and one line: the findings that show a placeholder for a missing fact.
eval: $(PROGRAM)
	@sh tests/corpus/fallbacks.sh $(abspath $(PROGRAM))
	@sh tests/corpus/eval.sh $(abspath $(PROGRAM))
	@sh tests/corpus/report-size.sh $(abspath $(PROGRAM))

# Real pastes from public issue threads (../shared/real-pastes, outside the repository):
# fails when a score falls below tests/real/floor; says so and passes when they are absent.
REAL_PASTES ?= ../shared/real-pastes
eval-real: $(PROGRAM)
	@sh tests/real/eval-real.sh $(abspath $(PROGRAM)) $(REAL_PASTES) tests/real/floor

# Every wording of the pickle-messages catalogue, as the last line of a log, to its playbook.
catalogue: $(PROGRAM)
	@sh tests/corpus/catalogue.sh $(abspath $(PROGRAM))

bench: $(PROGRAM)
	@tools/bench.sh $(abspath $(PROGRAM))

# --- Fuzzing (tests/fuzz/README.md) -----------------------------------------------------------
# make fuzz FUZZ_SECONDS=N   installs clang and its fuzzer runtime (tools/deps.sh, for this
#     target only), builds each libFuzzer target with clang -fsanitize=fuzzer,address,undefined
#     into build/fuzz/ and runs each for N seconds, seeded from examples/ and tests/ and
#     growing its corpus in build/fuzz/corpus/TARGET/.  A crash or timeout leaves its input
#     as build/fuzz/artifacts/TARGET-*: fix the bug, then commit the input to
#     tests/fuzz/regressions/TARGET/.
# make fuzz-replay   (part of make test, so of make check and make asan) builds each target
#     with the normal compiler and tests/fuzz/replay.c as its main, without clang's fuzzer
#     runtime, and runs it over tests/fuzz/regressions/TARGET/.
FUZZ_TARGETS  = fuzz_parse fuzz_kb fuzz_pipeline
FUZZ_SECONDS ?= 60
FUZZ_DIR      = build/fuzz
FUZZ_CC       = clang
FUZZ_CFLAGS   = -std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=all $(PKG_CFLAGS)
FUZZ_LIB_OBJ  = $(LIB_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_OBJ      = $(FUZZ_LIB_OBJ) $(FUZZ_DIR)/obj/kb_builtin.o
FUZZ_BIN      = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_REPLAY   = $(FUZZ_TARGETS:%=$(BUILD)/tests/%)
FUZZ_FLAGS    = -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_SEEDS_fuzz_parse    = examples tests/corpus/reference tests/corpus/messy \
			   tests/cli/cases/hostile
FUZZ_SEEDS_fuzz_pipeline = $(FUZZ_SEEDS_fuzz_parse)
FUZZ_SEEDS_fuzz_kb       = knowledge tests/cli/cases tests/unit/data/kb
FUZZ_DICT_fuzz_parse     = tests/fuzz/traceback.dict
FUZZ_DICT_fuzz_pipeline  = tests/fuzz/traceback.dict
FUZZ_DICT_fuzz_kb        = tests/fuzz/kb.dict

fuzz-deps:
	@tools/deps.sh install clang:clang
	@tools/deps.sh install \
		"$$(clang --print-runtime-dir)/libclang_rt.fuzzer-$$(uname -m).a:libclang-rt-dev"

# The library's objects get coverage instrumentation; only the targets link the fuzzer.
$(FUZZ_LIB_OBJ): $(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/kb_builtin.o: $(BUILD)/kb_builtin.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BIN): $(FUZZ_DIR)/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -o $@ $< \
		$(FUZZ_OBJ) $(PKG_LIBS)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts; \
		case $$t in \
		fuzz_parse) seeds="$(FUZZ_SEEDS_fuzz_parse)"; dict=$(FUZZ_DICT_fuzz_parse) ;; \
		fuzz_kb) seeds="$(FUZZ_SEEDS_fuzz_kb)"; dict=$(FUZZ_DICT_fuzz_kb) ;; \
		*) seeds="$(FUZZ_SEEDS_fuzz_pipeline)"; dict=$(FUZZ_DICT_fuzz_pipeline) ;; \
		esac; \
		echo "fuzz: $$t for $(FUZZ_SECONDS)s"; \
		ASAN_OPTIONS=quarantine_size_mb=1 nice $(FUZZ_DIR)/$$t $(FUZZ_FLAGS) \
			-max_total_time=$(FUZZ_SECONDS) -dict=$$dict \
			-artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- $(FUZZ_DIR)/corpus/$$t $$seeds \
			tests/fuzz/regressions/$$t 2>$(FUZZ_DIR)/$$t.log || \
			{ tail -n 60 $(FUZZ_DIR)/$$t.log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
			$(FUZZ_DIR)/$$t.log; \
	done

$(FUZZ_REPLAY): $(BUILD)/tests/%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
		$(BUILD)/kb_builtin.o $(BUILD)/libpickdoc.a
	$(CC) $(CPPFLAGS) -Itests/fuzz $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(BUILD)/kb_builtin.o $(BUILD)/libpickdoc.a $(ALL_LDFLAGS) $(PKG_LIBS)

fuzz-replay: $(FUZZ_REPLAY)
	@for t in $(FUZZ_TARGETS); do \
		$(BUILD)/tests/$$t tests/fuzz/regressions/$$t 2>$(BUILD)/tests/$$t.log || \
			{ tail -n 40 $(BUILD)/tests/$$t.log; exit 1; }; \
	done

# The knowledge base's YAML and its README go with the program, so that an installed user
# can copy a playbook, change it and load it with -k (pickdoc --show=ID -f yaml prints the
# one built in).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(KBDIR)
	install -m 755 $(PROGRAM) $(DESTDIR)$(BINDIR)/pickdoc
	install -m 644 pickdoc.1 $(DESTDIR)$(MANDIR)/pickdoc.1
	install -m 644 $(KB_YAML) knowledge/README.md $(DESTDIR)$(KBDIR)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pickdoc $(DESTDIR)$(MANDIR)/pickdoc.1
	rm -f $(addprefix $(DESTDIR)$(KBDIR)/,$(notdir $(KB_YAML)) README.md)
	rmdir $(DESTDIR)$(KBDIR) $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf build pickdoc

-include $(LIB_OBJ:.o=.d) $(BUILD)/main.d $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BIN:=.d)
