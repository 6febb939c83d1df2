variable "name" {
  description = "Name prefix of every resource (buckets get the account id appended)."
  type        = string
  default     = "thumbgen"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 characters: lower-case letters, digits and hyphens."
  }
}

variable "region" {
  description = "AWS region of the stack, e.g. eu-west-1."
  type        = string
  default     = "us-east-1"
}

variable "package_path" {
  description = "Path of the Lambda deployment zip written by `thumbgen deploy` (bootstrap + bundled libraries)."
  type        = string
}

variable "package_sha256" {
  description = "Base64-encoded SHA-256 of the zip (Lambda's CodeSha256); unchanged zip, unchanged function."
  type        = string
}

variable "architecture" {
  description = "Instruction set of the packaged binary: x86_64 or arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "thumbnail_sizes" {
  description = "Longest side of each thumbnail made for an original, in pixels."
  type        = list(number)
  default     = [256]
}

variable "thumbnail_format" {
  description = "Thumbnail format: jpeg, png, webp, avif or auto (PNG for inputs with transparency)."
  type        = string
  default     = "auto"

  validation {
    condition     = contains(["jpeg", "png", "webp", "avif", "auto"], var.thumbnail_format)
    error_message = "thumbnail_format must be jpeg, png, webp, avif or auto."
  }
}

variable "thumbnail_formats" {
  description = "Several thumbnail formats, e.g. [\"jpeg\", \"webp\", \"avif\"]: one thumbnail per size and format, and GET /thumbnails/{key} picks by the browser's Accept. Empty: thumbnail_format alone."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for format in var.thumbnail_formats : contains(["jpeg", "png", "webp", "avif", "auto"], format)])
    error_message = "thumbnail_formats may list only jpeg, png, webp, avif and auto."
  }
}

variable "thumbnail_quality" {
  description = "JPEG quality, 1 to 100."
  type        = number
  default     = 80

  validation {
    condition     = var.thumbnail_quality >= 1 && var.thumbnail_quality <= 100
    error_message = "thumbnail_quality must be between 1 and 100."
  }
}

variable "max_pixels" {
  description = "Originals whose header declares more pixels than this are refused."
  type        = number
  default     = 100000000
}

variable "url_expires_seconds" {
  description = "Validity of the presigned URLs the HTTP API hands out, in seconds (1 to 604800)."
  type        = number
  default     = 900

  validation {
    condition     = var.url_expires_seconds >= 1 && var.url_expires_seconds <= 604800
    error_message = "url_expires_seconds must be between 1 and 604800."
  }
}

variable "memory_size" {
  description = "Memory of the function, in MB (CPU scales with it)."
  type        = number
  default     = 1024
}

variable "timeout" {
  description = "Function timeout, in seconds (the HTTP API gives up after 30)."
  type        = number
  default     = 30
}

variable "reserved_concurrency" {
  description = "Concurrent executions reserved for (and capping) the function; -1 for no cap."
  type        = number
  default     = 10
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the function's and the API's logs."
  type        = number
  default     = 365
}

variable "cors_origins" {
  description = "Other origins allowed to call the HTTP API from a browser, e.g. [\"https://example.com\"]. Empty (the default): only the API's own origin, i.e. the upload page it serves; [\"*\"] lets every web page call it."
  type        = list(string)
  default     = []
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted version of an original or a thumbnail is kept before S3 expires it (both buckets are versioned)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_days >= 1 && floor(var.noncurrent_version_days) == var.noncurrent_version_days
    error_message = "noncurrent_version_days must be a whole number of days, at least 1."
  }
}

variable "endpoint_url" {
  description = "Base URL of a local AWS (MiniStack, LocalStack) that the function calls instead of AWS, e.g. http://127.0.0.1:4566; empty on AWS. Set by `thumbgen deploy --endpoint-url`."
  type        = string
  default     = ""
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarms' SNS topic; empty for no topic."
  type        = string
  default     = ""
}
