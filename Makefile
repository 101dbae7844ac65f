# Placeholder until the full Makefile lands.
.DEFAULT_GOAL := help
node_modules/.package-lock.json: package-lock.json
	npm ci
install: node_modules/.package-lock.json
test: install
	npm test
help:
	@echo "make test"
.PHONY: install test help
