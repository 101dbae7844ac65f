# Variables defaulting to null take their value from lib/pipeline.defaults.json.

################################################################################
# Target
################################################################################

variable "target" {
  description = "Where to deploy: localstack (the default) or aws."
  type        = string
  default     = "localstack"

  validation {
    condition     = contains(["localstack", "aws"], var.target)
    error_message = "target must be localstack or aws."
  }
}

variable "localstack_endpoint" {
  description = "LocalStack edge URL the provider calls when target is localstack."
  type        = string
  default     = "http://localhost:4566"
}

variable "region" {
  description = "AWS region; null takes region from the defaults file."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource, next to project = traffic."
  type        = map(string)
  default     = {}
}

################################################################################
# Queues
################################################################################

variable "queue_name" {
  description = "Name of the traffic queue; null takes queueName from the defaults file."
  type        = string
  default     = null
}

variable "dlq_name" {
  description = "Name of the dead-letter queue; null takes deadLetterQueueName from the defaults file."
  type        = string
  default     = null
}

variable "max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue; null takes maxReceiveCount from the defaults file."
  type        = number
  default     = null
}

variable "visibility_timeout_seconds" {
  description = "Visibility timeout of the traffic queue; null takes visibilityTimeoutSeconds from the defaults file."
  type        = number
  default     = null
}

variable "receive_wait_time_seconds" {
  description = "Long-polling wait of the traffic queue; null takes receiveWaitTimeSeconds from the defaults file."
  type        = number
  default     = null
}

variable "message_retention_seconds" {
  description = "Retention of the traffic queue; null takes messageRetentionSeconds from the defaults file."
  type        = number
  default     = null
}

variable "dlq_message_retention_seconds" {
  description = "Retention of both dead-letter queues; null takes deadLetterRetentionSeconds from the defaults file."
  type        = number
  default     = null
}

################################################################################
# Processor
################################################################################

variable "processor_function_name" {
  description = "Name of the processor Lambda function."
  type        = string
  default     = "traffic-processor"
}

variable "processor_memory_size_mb" {
  description = "Memory of the processor function in MB."
  type        = number
  default     = 256
}

variable "processor_timeout_seconds" {
  description = "Timeout of the processor function; null takes processorTimeoutSeconds from the defaults file."
  type        = number
  default     = null
}

variable "storage_adapter" {
  description = "Storage the processor writes to, mysql or cassandra; null takes storageAdapter from the defaults file."
  type        = string
  default     = null

  validation {
    condition     = var.storage_adapter == null ? true : contains(["mysql", "cassandra"], var.storage_adapter)
    error_message = "storage_adapter must be mysql or cassandra."
  }
}

variable "ip_address_storage" {
  description = "How the processor stores client addresses, truncated or full; null leaves the code's default (truncated)."
  type        = string
  default     = null

  validation {
    condition     = var.ip_address_storage == null ? true : contains(["truncated", "full"], var.ip_address_storage)
    error_message = "ip_address_storage must be truncated or full."
  }
}

variable "batch_size" {
  description = "Messages per processor invocation; null takes batchSize from the defaults file."
  type        = number
  default     = null
}

variable "maximum_batching_window_seconds" {
  description = "Longest wait to fill a batch; null takes batchingWindowSeconds from the defaults file."
  type        = number
  default     = null
}

variable "maximum_concurrency" {
  description = "Most concurrent processor instances (2 to 1000); null takes maximumConcurrency from the defaults file."
  type        = number
  default     = null
}

variable "processor_enabled" {
  description = "Whether the event source mapping polls the traffic queue."
  type        = bool
  default     = true
}

################################################################################
# Agent
################################################################################

variable "agent_function_name" {
  description = "Name of the agent Lambda function."
  type        = string
  default     = "traffic-agent"
}

variable "agent_memory_size_mb" {
  description = "Memory of the agent function in MB."
  type        = number
  default     = 128
}

variable "agent_timeout_seconds" {
  description = "Timeout of the agent function."
  type        = number
  default     = 10
}

variable "agent_maximum_retry_attempts" {
  description = "Retries of a failed asynchronous agent invocation (0 to 2) before it goes to the agent's dead-letter queue."
  type        = number
  default     = 2
}

variable "site_host" {
  description = "Host of the tracked website, given to the agent as SITE_HOST; null leaves it unset."
  type        = string
  default     = null
}

################################################################################
# Logs and alarms
################################################################################

variable "log_level" {
  description = "Lowest level both functions log: debug, info, warn or error."
  type        = string
  default     = "info"
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the functions' logs."
  type        = number
  default     = 14
}

variable "alarm_actions" {
  description = "ARNs (for example SNS topics) notified when a dead-letter queue holds messages."
  type        = list(string)
  default     = []
}
