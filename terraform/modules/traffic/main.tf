locals {
  # The bundles are ES modules built by scripts/build.ts: dist/<fn>/index.mjs.
  lambda_runtime = "nodejs24.x"
  lambda_handler = "index.handler"

  # LOG_LEVEL filters in code; Lambda's own filter stays open so it never
  # drops a line the code chose to write.
  application_log_level = "DEBUG"
}

################################################################################
# Queues
################################################################################

resource "aws_sqs_queue" "this" {
  name                       = var.queue_name
  visibility_timeout_seconds = var.visibility_timeout_seconds
  receive_wait_time_seconds  = var.receive_wait_time_seconds
  message_retention_seconds  = var.message_retention_seconds
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.max_receive_count
  })

  lifecycle {
    # A message must stay hidden while Lambda retries the batch holding it.
    precondition {
      condition     = var.visibility_timeout_seconds >= 6 * var.processor_timeout_seconds + var.maximum_batching_window_seconds
      error_message = "visibility_timeout_seconds must be at least 6 x processor_timeout_seconds + maximum_batching_window_seconds."
    }
  }
}

resource "aws_sqs_queue" "dlq" {
  name                      = var.dlq_name
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true

  lifecycle {
    # A moved message keeps its first enqueue time, so the DLQ must keep it longer.
    precondition {
      condition     = var.dlq_message_retention_seconds > var.message_retention_seconds
      error_message = "dlq_message_retention_seconds must be longer than message_retention_seconds."
    }
  }
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.url

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this.arn]
  })
}

resource "aws_sqs_queue" "agent_dlq" {
  name                      = "${var.agent_function_name}-dlq"
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true
}

################################################################################
# Processor
################################################################################

resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/${var.processor_function_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "processor" {
  function_name    = var.processor_function_name
  description      = "Validates visits from the traffic queue and stores them."
  role             = aws_iam_role.processor.arn
  runtime          = local.lambda_runtime
  handler          = local.lambda_handler
  filename         = var.processor_zip_path
  source_code_hash = filebase64sha256(var.processor_zip_path)
  memory_size      = var.processor_memory_size_mb
  timeout          = var.processor_timeout_seconds

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.processor.name
    application_log_level = local.application_log_level
    system_log_level      = "INFO"
  }

  environment {
    variables = merge(
      {
        STORAGE_ADAPTER = var.storage_adapter
        LOG_LEVEL       = var.log_level
        NODE_OPTIONS    = "--enable-source-maps"
      },
      { for name, value in { IP_ADDRESS_STORAGE = var.ip_address_storage } : name => value if value != null },
    )
  }

  depends_on = [
    aws_cloudwatch_log_group.processor,
    aws_iam_role_policy.processor,
  ]
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = aws_sqs_queue.this.arn
  function_name                      = aws_lambda_function.processor.arn
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]
  enabled                            = var.processor_enabled

  scaling_config {
    maximum_concurrency = var.maximum_concurrency
  }

  # Lambda checks the role can read the queue when the mapping is created.
  depends_on = [aws_iam_role_policy.processor]
}

################################################################################
# Agent
################################################################################

resource "aws_cloudwatch_log_group" "agent" {
  name              = "/aws/lambda/${var.agent_function_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "agent" {
  function_name    = var.agent_function_name
  description      = "Turns a visit request into a message on the traffic queue."
  role             = aws_iam_role.agent.arn
  runtime          = local.lambda_runtime
  handler          = local.lambda_handler
  filename         = var.agent_zip_path
  source_code_hash = filebase64sha256(var.agent_zip_path)
  memory_size      = var.agent_memory_size_mb
  timeout          = var.agent_timeout_seconds

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.agent.name
    application_log_level = local.application_log_level
    system_log_level      = "INFO"
  }

  environment {
    variables = merge(
      {
        TRAFFIC_QUEUE_URL = aws_sqs_queue.this.url
        LOG_LEVEL         = var.log_level
        NODE_OPTIONS      = "--enable-source-maps"
      },
      { for name, value in { SITE_HOST = var.site_host } : name => value if value != null },
    )
  }

  depends_on = [
    aws_cloudwatch_log_group.agent,
    aws_iam_role_policy.agent,
  ]
}

resource "aws_lambda_function_event_invoke_config" "agent" {
  function_name          = aws_lambda_function.agent.function_name
  maximum_retry_attempts = var.agent_maximum_retry_attempts

  destination_config {
    on_failure {
      destination = aws_sqs_queue.agent_dlq.arn
    }
  }
}

################################################################################
# Alarms
################################################################################

resource "aws_cloudwatch_metric_alarm" "dlq" {
  alarm_name          = "${aws_sqs_queue.dlq.name}-not-empty"
  alarm_description   = "Visits the processor rejected max_receive_count times wait in ${aws_sqs_queue.dlq.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "agent_dlq" {
  alarm_name          = "${aws_sqs_queue.agent_dlq.name}-not-empty"
  alarm_description   = "Asynchronous agent invocations that failed every retry wait in ${aws_sqs_queue.agent_dlq.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.agent_dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}
