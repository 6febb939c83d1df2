# Two private buckets: originals (the S3 trigger's source) and thumbnails (the function's output).
# They must differ: a function writing into the bucket that triggers it would loop forever.

data "aws_caller_identity" "current" {}

locals {
  buckets = {
    originals  = "${var.name}-originals-${data.aws_caller_identity.current.account_id}"
    thumbnails = "${var.name}-thumbnails-${data.aws_caller_identity.current.account_id}"
  }
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_18:Access logging would need a third bucket that costs money at rest; CloudTrail data events can be enabled per account instead.
  #checkov:skip=CKV_AWS_144:Cross-region replication doubles storage cost; thumbnails can be regenerated from originals.
  #checkov:skip=CKV_AWS_145:SSE-S3 (AES256) is used; SSE-KMS adds a paid customer key and per-request KMS charges.
  #checkov:skip=CKV2_AWS_62:Event notifications are configured for the originals bucket only; the thumbnails bucket must not trigger anything.
  for_each      = local.buckets
  bucket        = each.value
  force_destroy = false
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

# Replaced or deleted versions (of originals and thumbnails) expire after
# var.noncurrent_version_days (default 30); unfinished multipart uploads after 7.
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = local.buckets
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
    bucket_key_enabled = true
  }
}

# TLS-only: deny every request made over plain HTTP
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html).
data "aws_iam_policy_document" "tls_only" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id
  policy   = data.aws_iam_policy_document.tls_only[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

# ObjectCreated in the originals bucket invokes the function.
resource "aws_lambda_permission" "s3" {
  statement_id   = "AllowOriginalsBucket"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.thumbgen.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.this["originals"].arn
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_s3_bucket_notification" "originals" {
  bucket = aws_s3_bucket.this["originals"].id

  lambda_function {
    lambda_function_arn = aws_lambda_function.thumbgen.arn
    events              = ["s3:ObjectCreated:*"]
  }

  depends_on = [aws_lambda_permission.s3]
}
