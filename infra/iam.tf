# The function's role: read (and, for POST /thumbnails and POST /uploads, write) originals,
# read and write thumbnails, write its own log group. Nothing else.

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.name}-function"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

data "aws_iam_policy_document" "function" {
  statement {
    sid       = "ReadAndStoreOriginals"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.this["originals"].arn}/*"]
  }

  statement {
    sid       = "ReadAndWriteThumbnails"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.this["thumbnails"].arn}/*"]
  }

  # Lets HeadObject on a missing thumbnail answer 404 rather than 403 (GET /thumbnails/{key}).
  statement {
    sid       = "ListThumbnails"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.this["thumbnails"].arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "${var.name}-function"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}
