# 服务群众工作台: set-up, run and test. Works on a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO_DIR := $(shell $(PYTHON) -c "import tempfile,os;print(os.path.join(tempfile.gettempdir(),'fwqz-demo'))")

BUILD_STAMP := $(VENV)/.installed-build
BUNDLE   := dist/fwqz

.PHONY: run test demo venv bundle clean

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

# The whole suite, offscreen, on every core (pytest-xdist; each test has its own files).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto

$(BUILD_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[build]'
	touch $(BUILD_STAMP)

# The one-folder build (PyInstaller, build_spec/desktop_app.spec) in dist/fwqz/.
# Check it: dist/fwqz/fwqz --self-test   (on Windows: dist\fwqz\fwqz.exe, see README)
bundle: $(BUILD_STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build_spec/desktop_app.spec
	@echo "文件夹：$(BUNDLE)  大小：$$(du -sh $(BUNDLE) | cut -f1)"

clean:
	rm -rf $(VENV) build dist *.egg-info
