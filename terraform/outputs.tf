################################################################################
# Queues
################################################################################

output "queue_url" {
  description = "URL of the traffic queue."
  value       = module.traffic.queue_url
}

output "queue_arn" {
  description = "ARN of the traffic queue."
  value       = module.traffic.queue_arn
}

output "dlq_url" {
  description = "URL of the traffic queue's dead-letter queue."
  value       = module.traffic.dlq_url
}

output "dlq_arn" {
  description = "ARN of the traffic queue's dead-letter queue."
  value       = module.traffic.dlq_arn
}

output "agent_dlq_url" {
  description = "URL of the queue receiving failed asynchronous agent invocations."
  value       = module.traffic.agent_dlq_url
}

output "agent_dlq_arn" {
  description = "ARN of the queue receiving failed asynchronous agent invocations."
  value       = module.traffic.agent_dlq_arn
}

################################################################################
# Functions
################################################################################

output "processor_function_name" {
  description = "Name of the processor Lambda function."
  value       = module.traffic.processor_function_name
}

output "processor_log_group_name" {
  description = "CloudWatch log group of the processor."
  value       = module.traffic.processor_log_group_name
}

output "agent_function_name" {
  description = "Name of the agent Lambda function."
  value       = module.traffic.agent_function_name
}

output "agent_log_group_name" {
  description = "CloudWatch log group of the agent."
  value       = module.traffic.agent_log_group_name
}

output "event_source_mapping_uuid" {
  description = "UUID of the event source mapping from the traffic queue to the processor."
  value       = module.traffic.event_source_mapping_uuid
}
