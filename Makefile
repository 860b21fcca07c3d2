# 服务群众工作台: set-up, run and test. Works on a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO_DIR := $(shell $(PYTHON) -c "import tempfile,os;print(os.path.join(tempfile.gettempdir(),'fwqz-demo'))")

.PHONY: run test demo venv clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# Opens the program on a throw-away demo database of fictional data.
run: $(STAMP)
	@[ "$$(uname -s)" != Linux ] || [ -z "$$DISPLAY" ] || bash tools/linux-qt-deps.sh xcb
	rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(PY) -m desktop_app --db $(DEMO_DIR)/demo.sqlite3 demo
	$(PY) -m desktop_app --db $(DEMO_DIR)/demo.sqlite3

# The whole suite, offscreen.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

clean:
	rm -rf $(VENV) build dist *.egg-info
