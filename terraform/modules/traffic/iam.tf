################################################################################
# Shared
################################################################################

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

################################################################################
# Processor
################################################################################

resource "aws_iam_role" "processor" {
  name               = "${var.processor_function_name}-role"
  description        = "Lets the processor consume the traffic queue and write its logs."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "processor" {
  statement {
    sid = "ConsumeTrafficQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.this.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.processor.arn}:*"]
  }
}

resource "aws_iam_role_policy" "processor" {
  name   = "consume-traffic-queue"
  role   = aws_iam_role.processor.id
  policy = data.aws_iam_policy_document.processor.json
}

################################################################################
# Agent
################################################################################

resource "aws_iam_role" "agent" {
  name               = "${var.agent_function_name}-role"
  description        = "Lets the agent send visits to the traffic queue and write its logs."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "agent" {
  statement {
    sid       = "SendVisits"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.this.arn]
  }

  statement {
    sid       = "ReportFailedInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.agent_dlq.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.agent.arn}:*"]
  }
}

resource "aws_iam_role_policy" "agent" {
  name   = "send-visits"
  role   = aws_iam_role.agent.id
  policy = data.aws_iam_policy_document.agent.json
}
