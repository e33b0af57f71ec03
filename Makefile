# Thin wrapper: the README's two commands. CMake does the real work.
BUILD ?= build
JOBS ?= 2
DEPS = cmake g++ make pkg-config ccache python3 libboost-graph-dev libyaml-cpp-dev libcli11-dev doctest-dev \
       libgraphviz-dev graphviz libcadical-dev libbdd-dev nlohmann-json3-dev libfmt-dev libsbml5-dev \
       pybind11-dev python3-pybind11 python3-pytest python3-dev r-cran-boolnet chromium \
       clang clang-format libclang-rt-14-dev gringo python3-yaml libopenmpi-dev openmpi-bin
FLAGSHIP = networks/her2_trastuzumab.yaml

.PHONY: deps configure build run test sanitize fuzz clean

# Installs only what is missing, so it needs no network once everything is there.
deps:
	@missing=$$(for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DBITSIG_WERROR=ON

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# The analysis needs only the command, not the tests and benchmarks.
run: configure
	cmake --build $(BUILD) -j$(JOBS) --target bitsig
	$(BUILD)/cli/bitsig info $(FLAGSHIP)
	$(BUILD)/cli/bitsig attractors $(FLAGSHIP) --drug trastuzumab --context pten_loss
	$(BUILD)/cli/bitsig check $(FLAGSHIP)
	$(BUILD)/cli/bitsig report $(FLAGSHIP) -o $(BUILD)/report --all-scenarios \
	  --screen-goal "Proliferation=0,Apoptosis=1" --screen-base "context=pten_loss drug=trastuzumab"
	@echo "open $(BUILD)/report/index.html in a browser"

# A test that hangs fails after TEST_TIMEOUT seconds instead of stopping the suite.
TEST_TIMEOUT ?= 600
test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout $(TEST_TIMEOUT)

# AddressSanitizer + UndefinedBehaviorSanitizer over the whole suite (CI runs this too).
sanitize: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBITSIG_SANITIZE=ON -DBITSIG_WERROR=ON \
	  -DBITSIG_BUILD_BENCH=OFF
	cmake --build $(BUILD)-asan -j$(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j$(JOBS) --timeout $(TEST_TIMEOUT)

# libFuzzer harnesses of tests/fuzz under ASan + UBSan, FUZZ_SECONDS in total (CI runs this too).
FUZZ_SECONDS ?= 60
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBITSIG_FUZZ=ON \
	  -DBITSIG_BUILD_BENCH=OFF
	cmake --build $(BUILD)-fuzz -j$(JOBS) --target fuzzers
	bash tests/fuzz/run.sh $(BUILD)-fuzz $(FUZZ_SECONDS) . ../shared

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
