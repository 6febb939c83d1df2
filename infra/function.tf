# The function: the thumbgen binary itself as a provided.al2023 custom runtime. The zip holds
# `bootstrap` (the binary, its interpreter and search path pointing into /var/task/lib) and
# lib/ (every shared library it loads, glibc and the dynamic loader included).

resource "aws_cloudwatch_log_group" "function" {
  #checkov:skip=CKV_AWS_158:Logs are encrypted with the CloudWatch Logs service key; a customer KMS key costs money at rest.
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "thumbgen" {
  #checkov:skip=CKV_AWS_117:The function only talks to S3 and CloudWatch Logs over public endpoints; a VPC would need NAT or endpoints that cost money at rest.
  #checkov:skip=CKV_AWS_116:Failed S3-triggered invocations are logged with their key; re-upload re-runs them. A DLQ adds a queue to watch.
  #checkov:skip=CKV_AWS_173:The environment holds only bucket names and thumbnail settings, no secrets; Lambda encrypts it at rest with its service key.
  #checkov:skip=CKV_AWS_50:X-Ray tracing would need xray:PutTraceSegments in the role (least privilege: S3 and own logs only); one JSON log line per event is written instead.
  #checkov:skip=CKV_AWS_272:The package is built and hashed locally by `thumbgen deploy`; code signing needs an AWS Signer profile.
  function_name    = var.name
  role             = aws_iam_role.function.arn
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = [var.architecture]
  filename         = var.package_path
  source_code_hash = var.package_sha256
  memory_size      = var.memory_size
  timeout          = var.timeout

  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    # On a local AWS the function's S3 calls go to its endpoint (AWS_ENDPOINT_URL, as the AWS
    # SDKs and CLI read it); on AWS the variable is absent.
    variables = merge(var.endpoint_url == "" ? {} : { AWS_ENDPOINT_URL = var.endpoint_url }, {
      THUMBGEN_ORIGINALS_BUCKET  = aws_s3_bucket.this["originals"].id
      THUMBGEN_THUMBNAILS_BUCKET = aws_s3_bucket.this["thumbnails"].id
      THUMBGEN_SIZES             = join(",", [for size in var.thumbnail_sizes : tostring(size)])
      THUMBGEN_FORMAT            = var.thumbnail_format
      THUMBGEN_FORMATS           = join(",", var.thumbnail_formats)
      THUMBGEN_QUALITY           = tostring(var.thumbnail_quality)
      THUMBGEN_MAX_PIXELS        = tostring(var.max_pixels)
      THUMBGEN_URL_EXPIRES       = tostring(var.url_expires_seconds)
      # API Gateway answers CORS itself (cors_configuration) and ignores the function's header.
      THUMBGEN_CORS_ORIGIN = length(var.cors_origins) == 1 ? var.cors_origins[0] : ""
    })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  # The log group (with its retention) exists before the function can write to it.
  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
}
