# A provider-free stand-in for infra/: the same variables (variables.tf is a copy) and the same
# outputs, built from terraform_data only, so `thumbgen deploy` can be tested with real
# Terraform where no AWS provider can be downloaded. DeployInfraTests checks the names match.

terraform {
  required_version = ">= 1.5.0"
}

resource "terraform_data" "function" {
  input = {
    package_path   = var.package_path
    package_sha256 = var.package_sha256
    architecture   = var.architecture
    sizes          = join(",", [for size in var.thumbnail_sizes : tostring(size)])
  }
  triggers_replace = [var.package_sha256]
}

output "originals_bucket" {
  value = "${var.name}-originals-local"
}

output "thumbnails_bucket" {
  value = "${var.name}-thumbnails-local"
}

output "api_url" {
  value = "http://127.0.0.1:9000/${var.name}/"
}

output "function_name" {
  value = var.name
}

output "log_group_name" {
  value = "/aws/lambda/${var.name}"
}

output "region" {
  value = var.region
}

output "endpoint_url" {
  value = var.endpoint_url
}

output "thumbnail_formats" {
  value = join(",", length(var.thumbnail_formats) > 0 ? var.thumbnail_formats : [var.thumbnail_format])
}

output "thumbnail_sizes" {
  value = join(",", [for size in var.thumbnail_sizes : tostring(size)])
}
