output "originals_bucket" {
  description = "Bucket for originals: an upload here makes thumbnails."
  value       = aws_s3_bucket.this["originals"].id
}

output "thumbnails_bucket" {
  description = "Bucket the function writes thumbnails to."
  value       = aws_s3_bucket.this["thumbnails"].id
}

output "api_url" {
  description = "Base URL of the HTTP API."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.thumbgen.function_name
}

output "log_group_name" {
  description = "CloudWatch Logs group of the function."
  value       = aws_cloudwatch_log_group.function.name
}

output "endpoint_url" {
  description = "The local AWS endpoint the stack was deployed to; empty on AWS."
  value       = var.endpoint_url
}

output "region" {
  description = "Region of the stack."
  value       = var.region
}

output "thumbnail_formats" {
  description = "The formats the function writes, comma-separated (THUMBGEN_FORMATS, else thumbnail_format): upload predicts its keys from them."
  value       = join(",", length(var.thumbnail_formats) > 0 ? var.thumbnail_formats : [var.thumbnail_format])
}

output "thumbnail_sizes" {
  description = "The thumbnail sizes the function makes, comma-separated (THUMBGEN_SIZES)."
  value       = join(",", [for size in var.thumbnail_sizes : tostring(size)])
}
