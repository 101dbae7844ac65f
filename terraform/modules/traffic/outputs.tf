################################################################################
# Queues
################################################################################

output "queue_url" {
  description = "URL of the traffic queue."
  value       = aws_sqs_queue.this.url
}

output "queue_arn" {
  description = "ARN of the traffic queue."
  value       = aws_sqs_queue.this.arn
}

output "dlq_url" {
  description = "URL of the traffic queue's dead-letter queue."
  value       = aws_sqs_queue.dlq.url
}

output "dlq_arn" {
  description = "ARN of the traffic queue's dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "agent_dlq_url" {
  description = "URL of the queue receiving failed asynchronous agent invocations."
  value       = aws_sqs_queue.agent_dlq.url
}

output "agent_dlq_arn" {
  description = "ARN of the queue receiving failed asynchronous agent invocations."
  value       = aws_sqs_queue.agent_dlq.arn
}

################################################################################
# Functions
################################################################################

output "processor_function_name" {
  description = "Name of the processor Lambda function."
  value       = aws_lambda_function.processor.function_name
}

output "processor_log_group_name" {
  description = "CloudWatch log group of the processor."
  value       = aws_cloudwatch_log_group.processor.name
}

output "agent_function_name" {
  description = "Name of the agent Lambda function."
  value       = aws_lambda_function.agent.function_name
}

output "agent_log_group_name" {
  description = "CloudWatch log group of the agent."
  value       = aws_cloudwatch_log_group.agent.name
}

output "event_source_mapping_uuid" {
  description = "UUID of the event source mapping from the traffic queue to the processor."
  value       = aws_lambda_event_source_mapping.this.uuid
}
