################################################################################
# Queues
################################################################################

variable "queue_name" {
  description = "Name of the traffic queue the agent writes visits to."
  type        = string
}

variable "dlq_name" {
  description = "Name of the dead-letter queue that receives visits the processor rejected max_receive_count times."
  type        = string
}

variable "max_receive_count" {
  description = "Receives of one message before SQS moves it to the dead-letter queue."
  type        = number

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

variable "visibility_timeout_seconds" {
  description = "Visibility timeout of the traffic queue; at least 6 x processor_timeout_seconds + maximum_batching_window_seconds."
  type        = number

  validation {
    condition     = var.visibility_timeout_seconds >= 0 && var.visibility_timeout_seconds <= 43200
    error_message = "visibility_timeout_seconds must be between 0 and 43200."
  }
}

variable "receive_wait_time_seconds" {
  description = "Long-polling wait of the traffic queue."
  type        = number

  validation {
    condition     = var.receive_wait_time_seconds >= 0 && var.receive_wait_time_seconds <= 20
    error_message = "receive_wait_time_seconds must be between 0 and 20."
  }
}

variable "message_retention_seconds" {
  description = "How long the traffic queue keeps a visit nobody processed."
  type        = number

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be between 60 and 1209600."
  }
}

variable "dlq_message_retention_seconds" {
  description = "How long both dead-letter queues keep a message; longer than message_retention_seconds."
  type        = number

  validation {
    condition     = var.dlq_message_retention_seconds >= 60 && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be between 60 and 1209600."
  }
}

################################################################################
# Processor
################################################################################

variable "processor_function_name" {
  description = "Name of the processor Lambda function."
  type        = string
}

variable "processor_zip_path" {
  description = "Path of the processor bundle zip (index.mjs with index.handler)."
  type        = string
}

variable "processor_memory_size_mb" {
  description = "Memory of the processor function in MB."
  type        = number

  validation {
    condition     = var.processor_memory_size_mb >= 128 && var.processor_memory_size_mb <= 10240
    error_message = "processor_memory_size_mb must be between 128 and 10240."
  }
}

variable "processor_timeout_seconds" {
  description = "Timeout of the processor function."
  type        = number

  validation {
    condition     = var.processor_timeout_seconds >= 1 && var.processor_timeout_seconds <= 900
    error_message = "processor_timeout_seconds must be between 1 and 900."
  }
}

variable "storage_adapter" {
  description = "Storage the processor writes visits to: mysql or cassandra."
  type        = string

  validation {
    condition     = contains(["mysql", "cassandra"], var.storage_adapter)
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
  description = "Most messages the event source mapping hands the processor in one invocation."
  type        = number

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "maximum_batching_window_seconds" {
  description = "Longest time the event source mapping gathers messages before it invokes the processor."
  type        = number

  validation {
    condition     = var.maximum_batching_window_seconds >= 0 && var.maximum_batching_window_seconds <= 300
    error_message = "maximum_batching_window_seconds must be between 0 and 300."
  }
}

variable "maximum_concurrency" {
  description = "Most processor instances the event source mapping runs at once, so a burst cannot overrun the database."
  type        = number

  validation {
    condition     = var.maximum_concurrency >= 2 && var.maximum_concurrency <= 1000
    error_message = "maximum_concurrency must be between 2 and 1000 (an AWS limit)."
  }
}

variable "processor_enabled" {
  description = "Whether the event source mapping polls the queue; when false, visits wait in the queue."
  type        = bool
  default     = true
}

################################################################################
# Agent
################################################################################

variable "agent_function_name" {
  description = "Name of the agent Lambda function."
  type        = string
}

variable "agent_zip_path" {
  description = "Path of the agent bundle zip (index.mjs with index.handler)."
  type        = string
}

variable "agent_memory_size_mb" {
  description = "Memory of the agent function in MB."
  type        = number

  validation {
    condition     = var.agent_memory_size_mb >= 128 && var.agent_memory_size_mb <= 10240
    error_message = "agent_memory_size_mb must be between 128 and 10240."
  }
}

variable "agent_timeout_seconds" {
  description = "Timeout of the agent function."
  type        = number

  validation {
    condition     = var.agent_timeout_seconds >= 1 && var.agent_timeout_seconds <= 900
    error_message = "agent_timeout_seconds must be between 1 and 900."
  }
}

variable "agent_maximum_retry_attempts" {
  description = "Retries of a failed asynchronous agent invocation before it goes to the agent's dead-letter queue."
  type        = number
  default     = 2

  validation {
    condition     = var.agent_maximum_retry_attempts >= 0 && var.agent_maximum_retry_attempts <= 2
    error_message = "agent_maximum_retry_attempts must be between 0 and 2."
  }
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

  validation {
    condition     = contains(["debug", "info", "warn", "error"], var.log_level)
    error_message = "log_level must be debug, info, warn or error."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the functions' logs."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ...)."
  }
}

variable "alarm_actions" {
  description = "ARNs (for example SNS topics) notified when a dead-letter queue holds messages."
  type        = list(string)
  default     = []
}
