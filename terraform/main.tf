locals {
  # The one source of names and settings, shared with the TypeScript code.
  defaults = jsondecode(file("${path.module}/../lib/pipeline.defaults.json"))

  on_localstack = var.target == "localstack"
  endpoint      = local.on_localstack ? var.localstack_endpoint : null
  region        = coalesce(var.region, local.defaults.region)
}

################################################################################
# Provider
################################################################################

provider "aws" {
  region = local.region

  # LocalStack accepts any key; on AWS the default credential chain applies.
  access_key                  = local.on_localstack ? "test" : null
  secret_key                  = local.on_localstack ? "test" : null
  skip_credentials_validation = local.on_localstack
  skip_metadata_api_check     = local.on_localstack
  skip_requesting_account_id  = local.on_localstack

  # Null endpoints on AWS leave the provider's defaults in place.
  endpoints {
    cloudwatch = local.endpoint
    iam        = local.endpoint
    lambda     = local.endpoint
    logs       = local.endpoint
    sqs        = local.endpoint
    sts        = local.endpoint
  }

  default_tags {
    tags = merge({ project = "traffic" }, var.tags)
  }
}

################################################################################
# Pipeline
################################################################################

module "traffic" {
  source = "./modules/traffic"

  queue_name                    = coalesce(var.queue_name, local.defaults.queueName)
  dlq_name                      = coalesce(var.dlq_name, local.defaults.deadLetterQueueName)
  max_receive_count             = coalesce(var.max_receive_count, local.defaults.maxReceiveCount)
  visibility_timeout_seconds    = coalesce(var.visibility_timeout_seconds, local.defaults.visibilityTimeoutSeconds)
  receive_wait_time_seconds     = coalesce(var.receive_wait_time_seconds, local.defaults.receiveWaitTimeSeconds)
  message_retention_seconds     = coalesce(var.message_retention_seconds, local.defaults.messageRetentionSeconds)
  dlq_message_retention_seconds = coalesce(var.dlq_message_retention_seconds, local.defaults.deadLetterRetentionSeconds)

  processor_function_name         = var.processor_function_name
  processor_zip_path              = "${path.module}/../dist/traffic-processor.zip"
  processor_memory_size_mb        = var.processor_memory_size_mb
  processor_timeout_seconds       = coalesce(var.processor_timeout_seconds, local.defaults.processorTimeoutSeconds)
  storage_adapter                 = coalesce(var.storage_adapter, local.defaults.storageAdapter)
  ip_address_storage              = var.ip_address_storage
  batch_size                      = coalesce(var.batch_size, local.defaults.batchSize)
  maximum_batching_window_seconds = coalesce(var.maximum_batching_window_seconds, local.defaults.batchingWindowSeconds)
  maximum_concurrency             = coalesce(var.maximum_concurrency, local.defaults.maximumConcurrency)
  processor_enabled               = var.processor_enabled

  agent_function_name          = var.agent_function_name
  agent_zip_path               = "${path.module}/../dist/traffic-agent.zip"
  agent_memory_size_mb         = var.agent_memory_size_mb
  agent_timeout_seconds        = var.agent_timeout_seconds
  agent_maximum_retry_attempts = var.agent_maximum_retry_attempts
  site_host                    = var.site_host

  log_level          = var.log_level
  log_retention_days = var.log_retention_days
  alarm_actions      = var.alarm_actions
}
