# npm targets (install, build, test, demo, lint, typecheck) need only Node and
# npm. Every other target needs only Docker: it goes through compose.yaml.
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

COMPOSE ?= docker compose
RUN := $(COMPOSE) run --rm

# The region comes from the one defaults file, like Terraform's.
REGION := $(shell sed -n 's/.*"region": *"\([^"]*\)".*/\1/p' lib/pipeline.defaults.json)

# Files the tool containers write belong to the user running make.
export HOST_UID := $(shell id -u)
export HOST_GID := $(shell id -g)

TERRAFORM := $(RUN) terraform
AWS := $(RUN) -e AWS_REGION=$(REGION) aws
# Reads one Terraform output; -T keeps the value free of terminal codes.
OUTPUT := $(RUN) -T terraform output -raw

LOGS_ARGS ?= --since 1h
DEMO_ARGS ?=
DIRECT_PAYLOAD := {"queryStringParameters":{"type":"direct","ip":"127.0.0.1"}}
REFERRER_PAYLOAD := {"queryStringParameters":{"type":"referrer","url":"test.com"}}

help: ## List the targets
	@awk 'BEGIN { FS = ":.*## " } \
		/^##@/ { printf "\n%s\n", substr($$0, 5) } \
		/^[a-z-]+:.*## / { printf "  %-34s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

##@ Node

node_modules/.package-lock.json: package-lock.json
	npm ci
	@touch $@

install: node_modules/.package-lock.json ## Install dependencies when the lock file changed

build: install ## Bundle and zip every function into dist/
	npm run build

test: install ## Build, typecheck, lint and run every test
	npm test

demo: install ## Run the pipeline in memory (DEMO_ARGS=--verbose adds logs)
	npm run build && npm run traffic -- demo $(DEMO_ARGS)

lint: install ## Check formatting and lint rules
	npm run lint

typecheck: install ## Check types
	npm run typecheck

##@ LocalStack (Docker)

dev: ## Start LocalStack, build, deploy and print the outputs
	$(COMPOSE) up --detach --wait localstack
	$(MAKE) --no-print-directory bundle
	$(TERRAFORM) init -input=false
	$(TERRAFORM) apply -input=false -auto-approve
	$(TERRAFORM) output

nodev: ## Destroy the deployment and stop LocalStack
	$(COMPOSE) up --detach --wait localstack
	$(TERRAFORM) init -input=false
	$(TERRAFORM) destroy -input=false -auto-approve
	$(COMPOSE) down --remove-orphans

bundle: ## Build the function zips inside the Node container
	$(RUN) builder

terraform-check: ## Check Terraform formatting and validate the configuration
	$(TERRAFORM) fmt -check -recursive
	$(TERRAFORM) init -input=false -backend=false
	$(TERRAFORM) validate

create-traffic-direct: ## Invoke the agent with a direct visit
	$(AWS) lambda invoke --function-name "$$($(OUTPUT) agent_function_name)" \
		--cli-binary-format raw-in-base64-out \
		--payload '$(DIRECT_PAYLOAD)' /dev/stdout

create-traffic-referrer: ## Invoke the agent with a referrer visit
	$(AWS) lambda invoke --function-name "$$($(OUTPUT) agent_function_name)" \
		--cli-binary-format raw-in-base64-out \
		--payload '$(REFERRER_PAYLOAD)' /dev/stdout

deploy-traffic-agent-lambda: ## Build the agent, then update its code
	$(MAKE) --no-print-directory bundle
	$(AWS) lambda update-function-code \
		--function-name "$$($(OUTPUT) agent_function_name)" \
		--zip-file fileb://dist/traffic-agent.zip
	$(AWS) lambda wait function-updated \
		--function-name "$$($(OUTPUT) agent_function_name)"

deploy-traffic-processor-lambda: ## Build the processor, then update its code
	$(MAKE) --no-print-directory bundle
	$(AWS) lambda update-function-code \
		--function-name "$$($(OUTPUT) processor_function_name)" \
		--zip-file fileb://dist/traffic-processor.zip
	$(AWS) lambda wait function-updated \
		--function-name "$$($(OUTPUT) processor_function_name)"

start-traffic-processor: ## Resume polling; visits waiting in the queue flow again
	$(AWS) lambda update-event-source-mapping \
		--uuid "$$($(OUTPUT) event_source_mapping_uuid)" --enabled

stop-traffic-processor: ## Pause polling; new visits wait in the queue
	$(AWS) lambda update-event-source-mapping \
		--uuid "$$($(OUTPUT) event_source_mapping_uuid)" --no-enabled

logs: ## Show the processor's log lines (LOGS_ARGS=--follow to keep tailing)
	$(AWS) logs tail "$$($(OUTPUT) processor_log_group_name)" \
		--format short $(LOGS_ARGS)

dlq-peek: ## Show up to 10 dead-lettered visits without removing them
	$(AWS) sqs receive-message --queue-url "$$($(OUTPUT) dlq_url)" \
		--max-number-of-messages 10 --visibility-timeout 0 \
		--attribute-names All --message-attribute-names All

dlq-redrive: ## Move dead-lettered visits back to the traffic queue
	$(AWS) sqs start-message-move-task --source-arn "$$($(OUTPUT) dlq_arn)"

.PHONY: help install build test demo lint typecheck dev nodev bundle terraform-check \
	create-traffic-direct create-traffic-referrer deploy-traffic-agent-lambda \
	deploy-traffic-processor-lambda start-traffic-processor \
	stop-traffic-processor logs dlq-peek dlq-redrive
