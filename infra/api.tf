# The HTTP API (API Gateway v2, payload format 2.0) in front of the function:
#   GET  /                  -> the upload page (HTML; it calls the three routes below)
#   POST /thumbnails        image in the body -> 201 with thumbnail keys and presigned URLs
#   POST /uploads           -> a presigned PUT URL into the originals bucket
#   GET  /thumbnails/{key+} -> 302 to a presigned URL of the thumbnail, or 404

locals {
  routes = toset(["GET /", "POST /thumbnails", "POST /uploads", "GET /thumbnails/{key+}"])
}

resource "aws_apigatewayv2_api" "http" {
  name          = var.name
  protocol_type = "HTTP"

  # No CORS rule by default: the page is served by the API itself (same origin), so no
  # other web page can call it from a browser unless cors_origins names it.
  dynamic "cors_configuration" {
    for_each = length(var.cors_origins) > 0 ? [var.cors_origins] : []
    content {
      allow_origins = cors_configuration.value
      allow_methods = ["GET", "POST"]
      allow_headers = ["content-type"]
      max_age       = 3600
    }
  }
}

resource "aws_apigatewayv2_integration" "function" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.thumbgen.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_route" "this" {
  #checkov:skip=CKV_AWS_309:The upload page is public by design; access is bounded by CORS origins, throttling and the function's reserved concurrency.
  for_each           = local.routes
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.function.id}"
  authorization_type = "NONE"
}

resource "aws_cloudwatch_log_group" "api" {
  #checkov:skip=CKV_AWS_158:Logs are encrypted with the CloudWatch Logs service key; a customer KMS key costs money at rest.
  name              = "/aws/apigateway/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = 50
    throttling_rate_limit  = 20
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIp"
      method    = "$context.httpMethod"
      path      = "$context.path"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
    })
  }
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbgen.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
